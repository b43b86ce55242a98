// SIMD float32 CONV_2D and FULLY_CONNECTED (GEMM over packed panels, indirection rows) against the reference
// kernels within the float bound (tests/cpu/float_bound.hpp), on every SIMD level this machine runs, on shapes that
// break the tiling, with the work split over rows and over panels as two threads would run it.
#include <doctest/doctest.h>

#include <limits>

#if defined(__GNUC__) && !defined(__clang__)
// GCC 12 reports a false -Wfree-nonheap-object on check_conv's std::vector buffers when enough is inlined into it.
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"
#endif

#include "cpu/float_bound.hpp"
#include "flatnn/cpu/conv_2d_float.hpp"
#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/fully_connected.hpp"

namespace {
using namespace flatnn;

struct conv_case {
    int32_t N, H, W, C, OC, KH, KW, stride, dilation;
    int8_t padding;  // 0 SAME, 1 VALID
    int act;         // 0 none, 1 relu, 2 relu6
    bool bias;
};

void activation(int act, float& lo, float& hi) {
    lo = -std::numeric_limits<float>::infinity(), hi = std::numeric_limits<float>::infinity();
    if (act >= 1) lo = 0;
    if (act == 2) hi = 6;
}

// Runs the packed kernel as two workers would: rows [0, split) and [split, rows) over panels [0, pmid) and
// [pmid, panels) in both halves.
template <class A>
void run_split(const cpu::conv_float_packed& pk, const float* in, const shape& in_dims, float* out,
               const shape& out_dims, int64_t split, int32_t pmid) {
    const int64_t rows = int64_t(out_dims[0]) * out_dims[1] * out_dims[2];
    std::vector<const float*> ptrs(cpu::conv_float_scratch(pk));
    for (auto [b, e] : {std::pair<int64_t, int64_t>{0, split}, {split, rows}})
        for (auto [p0, p1] : {std::pair<int32_t, int32_t>{0, pmid}, {pmid, pk.g.panels}})
            cpu::conv_float_rows<A>(pk, in, in_dims, out, out_dims, b, e, p0, p1, ptrs.data());
}

void check_conv(const conv_case& cc, cpu::simd_level level, std::mt19937& rng) {
    ops::padded_dim ph, pw;
    REQUIRE(ops::compute_padding(cc.padding, cc.H, cc.KH, cc.stride, cc.dilation, ph));
    REQUIRE(ops::compute_padding(cc.padding, cc.W, cc.KW, cc.stride, cc.dilation, pw));
    if (ph.out <= 0 || pw.out <= 0) return;
    const shape is{cc.N, cc.H, cc.W, cc.C}, ws{cc.OC, cc.KH, cc.KW, cc.C}, os{cc.N, ph.out, pw.out, cc.OC};
    auto x = test::random_floats(rng, size_t(is.num_elements()));
    auto w = test::random_floats(rng, size_t(ws.num_elements()));
    auto bias = test::random_floats(rng, size_t(cc.OC), -2.0f, 2.0f);
    reference::conv_2d_params p;
    p.stride_h = p.stride_w = cc.stride;
    p.dilation_h = p.dilation_w = cc.dilation;
    p.pad_h = ph.pad, p.pad_w = pw.pad;
    activation(cc.act, p.act_min, p.act_max);
    const float* b = cc.bias ? bias.data() : nullptr;
    std::vector<float> want(size_t(os.num_elements())), got(want.size(), -1234.5f), abs_sum(want.size());
    reference::conv_2d_float(p, {x.data(), is}, {w.data(), ws}, b, {want.data(), os});
    {
        reference::conv_2d_params pa = p;
        activation(0, pa.act_min, pa.act_max);
        const auto ax = test::abs_of(x), aw = test::abs_of(w), ab = test::abs_of(bias);
        reference::conv_2d_float(pa, {ax.data(), is}, {aw.data(), ws}, cc.bias ? ab.data() : nullptr,
                                 {abs_sum.data(), os});
    }
    tensor tw;
    tw.type = dtype::float32, tw.dims = ws, tw.data = reinterpret_cast<uint8_t*>(w.data());
    const int64_t rows = int64_t(os[0]) * os[1] * os[2];
    const int64_t split = std::uniform_int_distribution<int64_t>(0, rows)(rng);
    test::with_float_arch(level, [&](auto arch) {
        using A = decltype(arch);
        cpu::conv_float_packed pk;
        cpu::pack_conv_float<A>(pk, p, tw, b);
        const int32_t pmid = std::uniform_int_distribution<int32_t>(0, pk.g.panels)(rng);
        run_split<A>(pk, x.data(), is, got.data(), os, split, pmid);
    });
    test::float_compare fc;
    fc.run(want, got, abs_sum, int64_t(cc.KH) * cc.KW * cc.C);
    INFO("level " << cpu::simd_level_name(level) << " N" << cc.N << " H" << cc.H << " W" << cc.W << " C" << cc.C
                  << " OC" << cc.OC << " K" << cc.KH << "x" << cc.KW << " s" << cc.stride << " d" << cc.dilation
                  << " pad " << int(cc.padding) << " act " << cc.act << " bias " << cc.bias << ": "
                  << fc.first_text);
    CHECK(fc.violations == 0);
}

TEST_CASE("cpu conv_2d float SIMD GEMM is within the float bound of the reference kernel") {
    const auto levels = test::runnable_simd_levels();
    if (levels.empty()) MESSAGE("SKIPPED: no SIMD level runnable; only the reference kernels are in use");
    std::mt19937 rng(4321);
    // MobileNet-like 1x1 and stem, 1x1 spatial, channels off the vector width, dilation, batch 2, several row
    // blocks (400 rows of K 8; K 1800 with 24-row blocks), more than one panel with a partial last one.
    const std::vector<conv_case> fixed = {
        {1, 8, 8, 32, 64, 1, 1, 1, 1, 0, 2, true},   {1, 9, 9, 3, 32, 3, 3, 2, 1, 0, 2, true},
        {1, 1, 1, 17, 33, 1, 1, 1, 1, 1, 0, false},  {2, 5, 7, 19, 7, 3, 3, 1, 2, 0, 1, true},
        {1, 6, 6, 8, 16, 3, 3, 2, 1, 1, 0, true},    {1, 4, 4, 1, 1, 1, 1, 1, 1, 0, 0, false},
        {1, 7, 7, 40, 17, 5, 5, 1, 1, 0, 1, true},   {1, 20, 20, 8, 24, 1, 1, 1, 1, 0, 0, true},
        {1, 8, 8, 200, 20, 3, 3, 1, 1, 0, 2, true},  {2, 3, 3, 600, 50, 1, 1, 1, 1, 1, 0, true},
        {1, 11, 11, 5, 9, 1, 1, 2, 1, 0, 1, true},
        // Few channels (a kernel row as one tap; padded rows copied), SAME and VALID, batch 2; narrow last
        // panels (16, 40 and 24 output channels).
        {1, 33, 33, 3, 16, 3, 3, 2, 1, 0, 2, true},  {1, 12, 10, 2, 40, 7, 7, 1, 1, 0, 1, true},
        {2, 9, 9, 4, 24, 3, 5, 1, 1, 0, 0, true},    {1, 30, 30, 7, 48, 3, 3, 1, 1, 1, 2, false},
        // One output pixel per image with several taps and four panels or more: a one-row block takes the
        // one-row kernel over four panels at once (9 taps; and 3 row taps of 3 x 5 channels).
        {1, 3, 3, 16, 130, 3, 3, 1, 1, 1, 2, true},  {2, 3, 3, 5, 140, 3, 3, 1, 1, 1, 0, true},
    };
    std::uniform_int_distribution<int> d(0, 1000);
    for (cpu::simd_level level : levels) {
        for (const auto& cc : fixed) check_conv(cc, level, rng);
        for (int i = 0; i < 60; ++i) {
            conv_case cc;
            cc.N = 1 + d(rng) % 2;
            cc.H = 1 + d(rng) % 9;
            cc.W = 1 + d(rng) % 9;
            cc.C = 1 + d(rng) % 40;
            cc.OC = 1 + d(rng) % 40;
            cc.KH = 1 + 2 * (d(rng) % 2);
            cc.KW = 1 + 2 * (d(rng) % 2);
            cc.stride = 1 + d(rng) % 2;
            cc.dilation = 1 + (d(rng) % 4 == 0);
            cc.padding = int8_t(d(rng) % 2);
            cc.act = d(rng) % 3;
            cc.bias = d(rng) % 4 != 0;
            check_conv(cc, level, rng);
        }
    }
}

TEST_CASE("cpu fully_connected float SIMD GEMM is within the float bound of the reference kernel") {
    const auto levels = test::runnable_simd_levels();
    if (levels.empty()) MESSAGE("SKIPPED: no SIMD level runnable; only the reference kernels are in use");
    std::mt19937 rng(99);
    std::uniform_int_distribution<int> d(0, 1000);
    for (cpu::simd_level level : levels)
        for (int i = 0; i < 40; ++i) {
            const int32_t B = 1 + d(rng) % 3, K = 1 + d(rng) % 300, O = 1 + d(rng) % 70;
            const int act = d(rng) % 3;
            const bool has_bias = d(rng) % 3 != 0;
            auto x = test::random_floats(rng, size_t(B * K)), w = test::random_floats(rng, size_t(O * K));
            auto bias = test::random_floats(rng, size_t(O));
            reference::fully_connected_params p;
            p.batches = B, p.input_size = K, p.units = O;
            activation(act, p.act_min, p.act_max);
            std::vector<float> want(size_t(B * O)), got(want.size(), -1.5f), abs_sum(want.size());
            reference::fully_connected_float(p, x.data(), w.data(), has_bias ? bias.data() : nullptr, want.data());
            reference::fully_connected_params pa = p;
            activation(0, pa.act_min, pa.act_max);
            const auto ax = test::abs_of(x), aw = test::abs_of(w), ab = test::abs_of(bias);
            reference::fully_connected_float(pa, ax.data(), aw.data(), has_bias ? ab.data() : nullptr, abs_sum.data());
            test::with_float_arch(level, [&](auto arch) {
                using A = decltype(arch);
                cpu::conv_float_packed pk;
                cpu::pack_fully_connected_float<A>(pk, w.data(), has_bias ? bias.data() : nullptr, O, K, p.act_min,
                                                   p.act_max);
                const int32_t pmid = std::uniform_int_distribution<int32_t>(0, pk.g.panels)(rng);
                run_split<A>(pk, x.data(), shape{B, 1, 1, K}, got.data(), shape{B, 1, 1, O}, B / 2, pmid);
            });
            test::float_compare fc;
            fc.run(want, got, abs_sum, K);
            INFO("level " << cpu::simd_level_name(level) << " B" << B << " K" << K << " O" << O << " act " << act
                          << ": " << fc.first_text);
            CHECK(fc.violations == 0);
        }
}

}  // namespace
