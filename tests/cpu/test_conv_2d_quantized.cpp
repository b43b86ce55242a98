// SIMD quantized CONV_2D (GEMM over gathered pixel blocks) against reference::conv_2d_quantized, bit for bit, on
// every SIMD level this machine runs and on shapes that break the tiling.
#include <doctest/doctest.h>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/cpu/conv_2d_quantized.hpp"
#include "flatnn/cpu/conv_2d_quantized_amx.hpp"
#include "flatnn/cpu/conv_2d_quantized_vnni.hpp"
#include "flatnn/ops/op_util.hpp"

namespace {
using namespace flatnn;

struct conv_case {
    int32_t N, H, W, C, OC, KH, KW, stride, dilation;
    int8_t padding;  // 0 SAME, 1 VALID
    bool per_channel;
};

template <class T, class A>
void run_simd(const cpu::conv_gemm_packed& pk, tensor_view<const T> in, tensor_view<T> out, int64_t split) {
    const int64_t rows = int64_t(out.dims[0]) * out.dims[1] * out.dims[2];
    const int32_t mc = cpu::conv_gemm_block_rows(pk, cpu::conv_gemm_tiling<A>::mr);
    std::vector<int16_t> scratch(cpu::conv_gemm_scratch<A>(pk, mc));
    // Two row ranges, as two threads would run them.
    cpu::conv_gemm_rows<T, A>(pk, in, out, 0, std::min(split, rows), scratch.data());
    cpu::conv_gemm_rows<T, A>(pk, in, out, std::min(split, rows), rows, scratch.data());
}

template <class T>
void check_case(const conv_case& cc, cpu::simd_level level, std::mt19937& rng) {
    ops::padded_dim ph, pw;
    REQUIRE(ops::compute_padding(cc.padding, cc.H, cc.KH, cc.stride, cc.dilation, ph));
    REQUIRE(ops::compute_padding(cc.padding, cc.W, cc.KW, cc.stride, cc.dilation, pw));
    if (ph.out <= 0 || pw.out <= 0) return;
    const dtype dt = std::is_same_v<T, uint8_t> ? dtype::uint8 : dtype::int8;
    auto x = test::random_values<T>(rng, size_t(cc.N * cc.H * cc.W * cc.C));
    auto wv = test::random_values<T>(rng, size_t(cc.OC * cc.KH * cc.KW * cc.C));
    std::vector<int32_t> bias(size_t(cc.OC));
    std::uniform_int_distribution<int32_t> bd(-20000, 20000);
    for (auto& b : bias) b = bd(rng);
    tensor tin, tw, tb;
    tin.type = dt, tin.dims = shape{cc.N, cc.H, cc.W, cc.C}, tin.data = reinterpret_cast<uint8_t*>(x.data());
    tw.type = dt, tw.dims = shape{cc.OC, cc.KH, cc.KW, cc.C}, tw.data = reinterpret_cast<uint8_t*>(wv.data());
    tb.type = dtype::int32, tb.dims = shape{cc.OC}, tb.data = reinterpret_cast<uint8_t*>(bias.data());
    reference::conv_2d_params p;
    p.stride_h = p.stride_w = cc.stride;
    p.dilation_h = p.dilation_w = cc.dilation;
    p.pad_h = ph.pad, p.pad_w = pw.pad;
    p.q = test::random_conv_quant<T>(rng, cc.OC, cc.KH * cc.KW * cc.C, cc.per_channel);
    const shape os{cc.N, ph.out, pw.out, cc.OC};
    std::vector<T> want(size_t(os.num_elements())), got(want.size(), T(0x5a));
    reference::conv_2d_quantized<T, T>(p, {x.data(), tin.dims}, {wv.data(), tw.dims}, bias.data(), {want.data(), os});
    cpu::conv_gemm_packed pk;
    const int64_t rows = int64_t(os[0]) * os[1] * os[2];
    const int64_t split = std::uniform_int_distribution<int64_t>(0, rows)(rng);
#if XSIMD_WITH_AVX2
    if (level == cpu::simd_level::avx2) {
        cpu::pack_conv_gemm(pk, p, tw, &tb, 2 * cpu::int_ops<xsimd::avx2>::lanes32);
        run_simd<T, xsimd::avx2>(pk, {x.data(), tin.dims}, {got.data(), os}, split);
    }
#endif
#if XSIMD_WITH_AVX512BW
    if (level == cpu::simd_level::avx512) {
        cpu::pack_conv_gemm(pk, p, tw, &tb, 2 * cpu::int_ops<xsimd::avx512bw>::lanes32);
        run_simd<T, xsimd::avx512bw>(pk, {x.data(), tin.dims}, {got.data(), os}, split);
    }
#endif
#if XSIMD_WITH_SSE4_1
    if (level == cpu::simd_level::sse4_1) {
        cpu::pack_conv_gemm(pk, p, tw, &tb, 2 * cpu::int_ops<xsimd::sse4_1>::lanes32);
        run_simd<T, xsimd::sse4_1>(pk, {x.data(), tin.dims}, {got.data(), os}, split);
    }
#endif
    bool vnni = false;
#ifdef FLATNN_CPU_VNNI
    // The VNNI forms (int8 only; 16- and, where compiled, 32-channel panels) are checked alongside the AVX2 one,
    // on the same data.
    if (std::is_same_v<T, int8_t> && level == cpu::simd_level::avx2 && cpu::cpu_has_vnni256() &&
        cpu::conv_vnni_applies(tin, tw, p)) {
        for (bool zmm : {false, true}) {
            if (zmm && !cpu::cpu_has_vnni512()) continue;
            cpu::conv_vnni_packed pv;
            cpu::pack_conv_vnni(pv, p, tw, &tb, zmm ? 32 : 16);
            std::vector<uint8_t> scratch(cpu::conv_vnni_scratch(pv));
            std::vector<int8_t> got8(want.size(), int8_t(0x5a));
            const tensor_view<const int8_t> xin{reinterpret_cast<const int8_t*>(x.data()), tin.dims};
            cpu::conv_vnni_rows(pv, xin, {got8.data(), os}, 0, std::min(split, rows), scratch.data());
            cpu::conv_vnni_rows(pv, xin, {got8.data(), os}, std::min(split, rows), rows, scratch.data());
            size_t bad = 0;
            for (size_t i = 0; i < want.size(); ++i) bad += int(want[i]) != int(got8[i]);
            vnni = true;
            CHECK_MESSAGE(bad == 0, "VNNI " << pv.NR << "-channel panels: " << bad << " mismatches");
        }
    }
#endif
#ifdef FLATNN_CPU_AMX
    // The AMX form (int8 as u8 x s8 on the VNNI packing, uint8 as u8 x u8 with row terms), on the same data.
    if (level == cpu::simd_level::avx2 && cpu::cpu_has_amx_int8() &&
        (std::is_same_v<T, uint8_t> || cpu::conv_vnni_applies(tin, tw, p))) {
        cpu::conv_vnni_packed pv;
        if constexpr (std::is_same_v<T, uint8_t>) cpu::pack_conv_amx_u8(pv, p, tw, &tb);
        else cpu::pack_conv_vnni(pv, p, tw, &tb, 16);
        std::vector<uint8_t> scratch(cpu::conv_amx_scratch(pv));
        std::vector<T> gota(want.size(), T(0x5a));
        cpu::conv_amx_rows<T>(pv, {x.data(), tin.dims}, {gota.data(), os}, 0, std::min(split, rows), scratch.data());
        cpu::conv_amx_rows<T>(pv, {x.data(), tin.dims}, {gota.data(), os}, std::min(split, rows), rows, scratch.data());
        size_t bad = 0;
        for (size_t i = 0; i < want.size(); ++i) bad += int(want[i]) != int(gota[i]);
        vnni = true;
        CHECK_MESSAGE(bad == 0, "AMX: " << bad << " mismatches");
    }
#endif
    size_t mismatches = 0, first = 0;
    for (size_t i = 0; i < want.size(); ++i)
        if (want[i] != got[i] && mismatches++ == 0) first = i;
    INFO("level " << cpu::simd_level_name(level) << (vnni ? " (VNNI/AMX checked too)" : "") << " N" << cc.N << " H" << cc.H << " W" << cc.W << " C" << cc.C
                  << " OC" << cc.OC << " K" << cc.KH << "x" << cc.KW << " s" << cc.stride << " d" << cc.dilation
                  << " pad " << int(cc.padding) << " per_channel " << cc.per_channel << " first mismatch at " << first
                  << ": want " << int(want[first]) << " got " << int(got[first]));
    CHECK(mismatches == 0);
}

template <class T>
void check_all() {
    const auto levels = test::int_kernel_levels();
    if (levels.empty()) MESSAGE("SKIPPED: no SIMD level runnable; only the reference kernels are in use");
    std::mt19937 rng(1234);
    // Fixed shapes: MobileNet-like 1x1, the stem 3x3/2 with 3 channels, 1x1 spatial, channel counts off the
    // vector width, dilation, batch 2.
    const std::vector<conv_case> fixed = {
        {1, 8, 8, 32, 64, 1, 1, 1, 1, 0, true},  {1, 9, 9, 3, 32, 3, 3, 2, 1, 0, true},
        {1, 1, 1, 17, 33, 1, 1, 1, 1, 1, false}, {2, 5, 7, 19, 7, 3, 3, 1, 2, 0, true},
        {1, 6, 6, 8, 16, 3, 3, 2, 1, 1, false},  {1, 4, 4, 1, 1, 1, 1, 1, 1, 0, false},
        {1, 7, 7, 40, 17, 5, 5, 1, 1, 0, true},  {1, 9, 7, 150, 80, 1, 1, 1, 1, 0, true},
        {2, 6, 5, 64, 130, 1, 1, 1, 1, 1, true}, {1, 11, 11, 24, 96, 3, 3, 2, 1, 0, false},
    };
    std::uniform_int_distribution<int> d(0, 1000);
    for (cpu::simd_level level : levels) {
        for (const auto& cc : fixed) check_case<T>(cc, level, rng);
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
            cc.per_channel = d(rng) % 2;
            check_case<T>(cc, level, rng);
        }
    }
}

TEST_CASE("cpu conv_2d uint8 SIMD GEMM is bit-exact with the reference kernel") { check_all<uint8_t>(); }
TEST_CASE("cpu conv_2d int8 SIMD GEMM is bit-exact with the reference kernel") { check_all<int8_t>(); }

}  // namespace
