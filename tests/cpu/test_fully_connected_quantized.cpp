// SIMD quantized FULLY_CONNECTED (the quantized GEMM with a double-precision rescale; int8 also on VNNI, both
// register widths) against reference::fully_connected_quantized, bit for bit, on every SIMD level this machine
// runs.
#include <doctest/doctest.h>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/cpu/fully_connected_quantized.hpp"
#include "flatnn/cpu/fully_connected_vnni.hpp"

namespace {
using namespace flatnn;

template <class T>
void check_fc(cpu::simd_level level, std::mt19937& rng, int32_t B, int32_t K, int32_t O, bool per_channel) {
    const dtype dt = std::is_same_v<T, uint8_t> ? dtype::uint8 : dtype::int8;
    auto x = test::random_values<T>(rng, size_t(B) * size_t(K));
    auto w = test::random_values<T>(rng, size_t(O) * size_t(K));
    std::vector<int32_t> bias(static_cast<size_t>(O));
    std::uniform_int_distribution<int32_t> bd(-20000, 20000);
    for (auto& b : bias) b = bd(rng);
    reference::fully_connected_params p;
    p.batches = B, p.input_size = K, p.units = O;
    p.q = test::random_conv_quant<T>(rng, O, K, per_channel);
    // Scales that spread the outputs over the 8-bit range; one absurd scale tests the out-of-range conversion.
    std::uniform_real_distribution<double> u(0.3, 3.0);
    p.scale.resize(size_t(O));
    const double base = 1.0 / (std::sqrt(double(K)) * 128.0 * 16.0);
    for (int32_t o = 0; o < O; ++o) p.scale[size_t(o)] = per_channel || o == 0 ? base * u(rng) : p.scale[0];
    if (O > 5) p.scale[5] = 1e9;
    tensor tw, tb;
    tw.type = dt, tw.dims = shape{O, K}, tw.data = reinterpret_cast<uint8_t*>(w.data()), tw.bytes = w.size();
    tb.type = dtype::int32, tb.dims = shape{O}, tb.data = reinterpret_cast<uint8_t*>(bias.data());
    std::vector<T> want(size_t(B) * size_t(O)), got(want.size(), T(0x5a));
    reference::fully_connected_quantized<T, T>(p, x.data(), w.data(), bias.data(), want.data());
    const int64_t split = std::uniform_int_distribution<int64_t>(0, B)(rng);
    auto run = [&](auto arch) {
        using A = decltype(arch);
        cpu::fc_quant_packed pk;
        cpu::pack_fc_quant(pk, p, tw, &tb, 2 * cpu::int_ops<A>::lanes32);
        std::vector<int16_t> scratch(cpu::fc_quant_scratch<A>(pk));
        cpu::fc_quant_rows<T, A>(pk, x.data(), got.data(), 0, split, scratch.data());
        cpu::fc_quant_rows<T, A>(pk, x.data(), got.data(), split, B, scratch.data());
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
        INFO(kernel << " level " << cpu::simd_level_name(level) << " B" << B << " K" << K << " O" << O
                    << " per_channel " << per_channel << " first mismatch at " << first << ": want "
                    << int(want[first]) << " got " << int(got[first]));
        CHECK(mismatches == 0);
    };
    compare("int16 GEMM");
#ifdef FLATNN_CPU_VNNI
    // VNNI once per case (at the AVX2 level, as the convolution test does), split over rows and over panels.
    if constexpr (std::is_same_v<T, int8_t>)
        if (level == cpu::simd_level::avx2 && cpu::cpu_has_vnni256() && cpu::fc_vnni_applies(tw, tw, p))
            for (bool zmm : {false, true}) {
                if (zmm && !cpu::cpu_has_vnni512()) continue;
                cpu::fc_vnni_packed pv;
                cpu::pack_fc_vnni(pv, p, tw, &tb, zmm);
                std::vector<uint8_t> scratch(cpu::fc_vnni_scratch(pv));
                const int32_t panels = cpu::fc_vnni_panels(pv);
                const int32_t pmid = std::uniform_int_distribution<int32_t>(0, panels)(rng);
                std::fill(got.begin(), got.end(), T(0x5a));
                for (auto [b, e] : {std::pair<int64_t, int64_t>{0, split}, {split, B}})
                    for (auto [p0, p1] : {std::pair<int32_t, int32_t>{0, pmid}, {pmid, panels}})
                        cpu::fc_vnni_rows(pv, x.data(), got.data(), b, e, p0, p1, scratch.data());
                compare(zmm ? "VNNI zmm" : "VNNI ymm");
            }
#endif
}

template <class T>
void check_all() {
    const auto levels = test::int_kernel_levels();
    if (levels.empty()) MESSAGE("SKIPPED: no SIMD level runnable; only the reference kernels are in use");
    std::mt19937 rng(2024);
    std::uniform_int_distribution<int> d(0, 1000);
    for (cpu::simd_level level : levels) {
        check_fc<T>(level, rng, 1, 1280, 1000, std::is_same_v<T, int8_t>);  // the MobileNet v2 classifier
        check_fc<T>(level, rng, 1, 1, 1, false);
        for (int i = 0; i < 40; ++i)
            check_fc<T>(level, rng, 1 + d(rng) % 9, 1 + d(rng) % 300, 1 + d(rng) % 70,
                        std::is_same_v<T, int8_t> && d(rng) % 2);
    }
}

TEST_CASE("cpu fully_connected uint8 SIMD GEMM is bit-exact with the reference kernel") { check_all<uint8_t>(); }
TEST_CASE("cpu fully_connected int8 SIMD GEMM is bit-exact with the reference kernel") { check_all<int8_t>(); }

}  // namespace
