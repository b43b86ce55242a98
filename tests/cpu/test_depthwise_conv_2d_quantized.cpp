// SIMD quantized DEPTHWISE_CONV_2D against reference::depthwise_conv_2d_quantized, bit for bit, on every SIMD
// level this machine runs (and the int8 512-bit VNNI kernel where the CPU has it) and on shapes that break the
// channel blocking.
#include <doctest/doctest.h>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/cpu/depthwise_conv_2d_quantized.hpp"
#include "flatnn/cpu/depthwise_conv_2d_vnni.hpp"
#include "flatnn/ops/op_util.hpp"

namespace {
using namespace flatnn;

struct dw_case {
    int32_t N, H, W, C, KH, KW, stride, dilation;
    int8_t padding;  // 0 SAME, 1 VALID
    bool per_channel;
};

template <class T>
void check_case(const dw_case& cc, cpu::simd_level level, std::mt19937& rng) {
    ops::padded_dim ph, pw;
    REQUIRE(ops::compute_padding(cc.padding, cc.H, cc.KH, cc.stride, cc.dilation, ph));
    REQUIRE(ops::compute_padding(cc.padding, cc.W, cc.KW, cc.stride, cc.dilation, pw));
    if (ph.out <= 0 || pw.out <= 0) return;
    const dtype dt = std::is_same_v<T, uint8_t> ? dtype::uint8 : dtype::int8;
    auto x = test::random_values<T>(rng, size_t(cc.N * cc.H * cc.W * cc.C));
    auto wv = test::random_values<T>(rng, size_t(cc.KH * cc.KW * cc.C));
    std::vector<int32_t> bias(size_t(cc.C));
    std::uniform_int_distribution<int32_t> bd(-20000, 20000);
    for (auto& b : bias) b = bd(rng);
    tensor tw, tb;
    tw.type = dt, tw.dims = shape{1, cc.KH, cc.KW, cc.C}, tw.data = reinterpret_cast<uint8_t*>(wv.data());
    tb.type = dtype::int32, tb.dims = shape{cc.C}, tb.data = reinterpret_cast<uint8_t*>(bias.data());
    const shape is{cc.N, cc.H, cc.W, cc.C};
    reference::depthwise_conv_2d_params p;
    p.stride_h = p.stride_w = cc.stride;
    p.dilation_h = p.dilation_w = cc.dilation;
    p.pad_h = ph.pad, p.pad_w = pw.pad;
    p.depth_multiplier = 1;
    p.q = test::random_conv_quant<T>(rng, cc.C, cc.KH * cc.KW, cc.per_channel);
    const shape os{cc.N, ph.out, pw.out, cc.C};
    std::vector<T> want(size_t(os.num_elements())), got(want.size(), T(0x5a));
    reference::depthwise_conv_2d_quantized<T, T>(p, {x.data(), is}, {wv.data(), tw.dims}, bias.data(), {want.data(), os});
    cpu::dw_packed pk;
    const int64_t rows = int64_t(os[0]) * os[1];
    const int64_t split = std::uniform_int_distribution<int64_t>(0, rows)(rng);
    auto run = [&](auto arch) {
        using A = decltype(arch);
        cpu::pack_dw(pk, p, tw, &tb, cpu::int_ops<A>::lanes16);
        cpu::dw_rows<T, A>(pk, {x.data(), is}, {got.data(), os}, 0, split);
        cpu::dw_rows<T, A>(pk, {x.data(), is}, {got.data(), os}, split, rows);
    };
#if XSIMD_WITH_AVX2
    if (level == cpu::simd_level::avx2) run(xsimd::avx2{});
#endif
#if XSIMD_WITH_AVX512BW
    if (level == cpu::simd_level::avx512) run(xsimd::avx512bw{});
#endif
#if XSIMD_WITH_SSE4_1
    if (level == cpu::simd_level::sse4_1) run(xsimd::sse4_1{});
#endif
    auto compare = [&](const char* kernel) {
        size_t mismatches = 0, first = 0;
        for (size_t i = 0; i < want.size(); ++i)
            if (want[i] != got[i] && mismatches++ == 0) first = i;
        INFO(kernel << " level " << cpu::simd_level_name(level) << " N" << cc.N << " H" << cc.H << " W" << cc.W
                    << " C" << cc.C << " K" << cc.KH << "x" << cc.KW << " s" << cc.stride << " d" << cc.dilation
                    << " pad " << int(cc.padding) << " per_channel " << cc.per_channel << " first mismatch at "
                    << first << ": want " << int(want[first]) << " got " << int(got[first]));
        CHECK(mismatches == 0);
    };
    compare("16-bit multiply-add");
#ifdef FLATNN_CPU_VNNI512
    if constexpr (std::is_same_v<T, int8_t>)
        if (level == cpu::simd_level::avx512 && cpu::cpu_has_vnni512() && cpu::dw_vnni_applies(tw, tw, p)) {
            cpu::dw_vnni_packed pv;
            cpu::pack_dw_vnni(pv, p, tw, &tb);
            std::fill(got.begin(), got.end(), T(0x5a));
            cpu::dw_vnni_rows(pv, {x.data(), is}, {got.data(), os}, 0, split);
            cpu::dw_vnni_rows(pv, {x.data(), is}, {got.data(), os}, split, rows);
            compare("VNNI");
        }
#endif
}

template <class T>
void check_all() {
    const auto levels = test::int_kernel_levels();
    if (levels.empty()) MESSAGE("SKIPPED: no SIMD level runnable; only the reference kernels are in use");
    std::mt19937 rng(99);
    const std::vector<dw_case> fixed = {
        {1, 12, 12, 32, 3, 3, 1, 1, 0, true}, {1, 13, 13, 48, 3, 3, 2, 1, 0, false},
        {1, 1, 1, 17, 3, 3, 1, 1, 0, true},   {2, 6, 5, 21, 3, 3, 1, 2, 0, true},
        {1, 8, 8, 16, 5, 5, 2, 1, 1, false}, {1, 3, 3, 1, 3, 3, 1, 1, 1, false},
        {1, 7, 9, 40, 1, 1, 1, 1, 0, true},
        // 64-channel blocks (VNNI): whole, partial, several; 9 and 25 taps (groups of four with unused taps)
        {1, 9, 9, 64, 3, 3, 1, 1, 0, true},   {1, 10, 7, 130, 3, 3, 2, 1, 0, true},
        {2, 6, 6, 200, 5, 5, 1, 1, 1, false}, {1, 5, 5, 96, 3, 3, 1, 2, 0, true},
    };
    std::uniform_int_distribution<int> d(0, 1000);
    for (cpu::simd_level level : levels) {
        for (const auto& cc : fixed) check_case<T>(cc, level, rng);
        for (int i = 0; i < 80; ++i) {
            dw_case cc;
            cc.N = 1 + d(rng) % 2;
            cc.H = 1 + d(rng) % 10;
            cc.W = 1 + d(rng) % 10;
            cc.C = 1 + d(rng) % (i % 4 == 0 ? 200 : 50);
            cc.KH = 1 + 2 * (d(rng) % 3);
            cc.KW = 1 + 2 * (d(rng) % 2);
            cc.stride = 1 + d(rng) % 2;
            cc.dilation = 1 + (d(rng) % 4 == 0);
            cc.padding = int8_t(d(rng) % 2);
            cc.per_channel = d(rng) % 2;
            check_case<T>(cc, level, rng);
        }
    }
}

TEST_CASE("cpu depthwise_conv_2d uint8 SIMD kernel is bit-exact with the reference kernel") { check_all<uint8_t>(); }
TEST_CASE("cpu depthwise_conv_2d int8 SIMD kernel is bit-exact with the reference kernel") { check_all<int8_t>(); }

}  // namespace
