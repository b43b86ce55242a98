// SIMD float32 DEPTHWISE_CONV_2D (depth multiplier 1) against reference::depthwise_conv_2d_float within the float
// bound (tests/cpu/float_bound.hpp), on every SIMD level this machine runs and on shapes that break the tiling.
#include <doctest/doctest.h>

#include <limits>

#include "cpu/float_bound.hpp"
#include "flatnn/cpu/depthwise_conv_2d_float.hpp"
#include "flatnn/ops/op_util.hpp"

// GCC 12 at -O3 reports a false -Wfree-nonheap-object on the std::vector destructors of check_dw once the kernels
// are inlined into it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"
#endif

namespace {
using namespace flatnn;

struct dw_case {
    int32_t N, H, W, C, KH, KW, stride, dilation;
    int8_t padding;  // 0 SAME, 1 VALID
    int act;         // 0 none, 1 relu, 2 relu6
    bool bias;
};

void check_dw(const dw_case& cc, cpu::simd_level level, std::mt19937& rng) {
    ops::padded_dim ph, pw;
    REQUIRE(ops::compute_padding(cc.padding, cc.H, cc.KH, cc.stride, cc.dilation, ph));
    REQUIRE(ops::compute_padding(cc.padding, cc.W, cc.KW, cc.stride, cc.dilation, pw));
    if (ph.out <= 0 || pw.out <= 0) return;
    const shape is{cc.N, cc.H, cc.W, cc.C}, ws{1, cc.KH, cc.KW, cc.C}, os{cc.N, ph.out, pw.out, cc.C};
    auto x = test::random_floats(rng, size_t(is.num_elements()), -3.0f, 3.0f);
    auto w = test::random_floats(rng, size_t(ws.num_elements()));
    auto bias = test::random_floats(rng, size_t(cc.C));
    reference::depthwise_conv_2d_params p;
    p.stride_h = p.stride_w = cc.stride;
    p.dilation_h = p.dilation_w = cc.dilation;
    p.pad_h = ph.pad, p.pad_w = pw.pad;
    p.act_min = -std::numeric_limits<float>::infinity(), p.act_max = std::numeric_limits<float>::infinity();
    reference::depthwise_conv_2d_params pa = p;
    if (cc.act >= 1) p.act_min = 0;
    if (cc.act == 2) p.act_max = 6;
    const float* b = cc.bias ? bias.data() : nullptr;
    std::vector<float> want(size_t(os.num_elements())), got(want.size(), -1234.5f), abs_sum(want.size());
    reference::depthwise_conv_2d_float(p, {x.data(), is}, {w.data(), ws}, b, {want.data(), os});
    const auto ax = test::abs_of(x), aw = test::abs_of(w), ab = test::abs_of(bias);
    reference::depthwise_conv_2d_float(pa, {ax.data(), is}, {aw.data(), ws}, cc.bias ? ab.data() : nullptr,
                                       {abs_sum.data(), os});
    tensor tw;
    tw.type = dtype::float32, tw.dims = ws, tw.data = reinterpret_cast<uint8_t*>(w.data());
    const int64_t rows = int64_t(os[0]) * os[1];
    const int64_t split = std::uniform_int_distribution<int64_t>(0, rows)(rng);
    test::with_float_arch(level, [&](auto arch) {
        using A = decltype(arch);
        cpu::dw_float_packed pk;
        cpu::pack_dw_float<A>(pk, p, tw, b, cc.W);
        cpu::dw_float_rows<A>(pk, x.data(), is, got.data(), os, 0, split);
        cpu::dw_float_rows<A>(pk, x.data(), is, got.data(), os, split, rows);
    });
    test::float_compare fc;
    fc.run(want, got, abs_sum, int64_t(cc.KH) * cc.KW);
    INFO("level " << cpu::simd_level_name(level) << " N" << cc.N << " H" << cc.H << " W" << cc.W << " C" << cc.C
                  << " K" << cc.KH << "x" << cc.KW << " s" << cc.stride << " d" << cc.dilation << " pad "
                  << int(cc.padding) << " act " << cc.act << ": " << fc.first_text);
    CHECK(fc.violations == 0);
}

TEST_CASE("cpu depthwise_conv_2d float SIMD kernel is within the float bound of the reference kernel") {
    const auto levels = test::runnable_simd_levels();
    if (levels.empty()) MESSAGE("SKIPPED: no SIMD level runnable; only the reference kernels are in use");
    std::mt19937 rng(777);
    const std::vector<dw_case> fixed = {
        {1, 12, 12, 32, 3, 3, 1, 1, 0, 2, true},  {1, 13, 13, 96, 3, 3, 2, 1, 0, 2, true},
        {1, 1, 1, 17, 3, 3, 1, 1, 0, 0, false},   {2, 6, 5, 19, 3, 3, 1, 2, 0, 1, true},
        {1, 9, 9, 24, 5, 5, 2, 1, 1, 0, true},    {1, 4, 4, 1, 1, 1, 1, 1, 0, 0, false},
        {1, 7, 7, 40, 7, 7, 1, 1, 0, 1, true},    {1, 5, 8, 3, 1, 3, 1, 1, 0, 2, true},
        // 3x3 interior loop: wide rows (4-pixel steps and remainders), channel tails, stride 2, dilation 2.
        {1, 6, 23, 21, 3, 3, 1, 1, 0, 2, true},   {2, 7, 30, 13, 3, 3, 2, 1, 0, 1, true},
        {1, 9, 26, 35, 3, 3, 1, 2, 0, 0, true},   {1, 8, 19, 16, 3, 3, 2, 2, 1, 2, false},
        {1, 5, 17, 7, 3, 3, 1, 1, 1, 0, true},
    };
    std::uniform_int_distribution<int> d(0, 1000);
    for (cpu::simd_level level : test::runnable_simd_levels()) {
        for (const auto& cc : fixed) check_dw(cc, level, rng);
        for (int i = 0; i < 60; ++i) {
            dw_case cc;
            cc.N = 1 + d(rng) % 2;
            cc.H = 1 + d(rng) % 10;
            cc.W = 1 + d(rng) % 24;
            cc.C = 1 + d(rng) % 50;
            cc.KH = 1 + 2 * (d(rng) % 3);
            cc.KW = 1 + 2 * (d(rng) % 3);
            cc.stride = 1 + d(rng) % 2;
            cc.dilation = 1 + (d(rng) % 4 == 0);
            cc.padding = int8_t(d(rng) % 2);
            cc.act = d(rng) % 3;
            cc.bias = d(rng) % 4 != 0;
            check_dw(cc, level, rng);
        }
    }
}

}  // namespace
