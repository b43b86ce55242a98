// SIMD quantized ADD against reference::add_quantized, bit for bit, on every SIMD level this machine runs, with
// lengths that leave a tail and random TFLite-style parameters.
#include <doctest/doctest.h>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/cpu/add_quantized.hpp"

namespace {
using namespace flatnn;

template <class T>
void check_all() {
    const auto levels = test::int_kernel_levels();
    if (levels.empty()) MESSAGE("SKIPPED: no SIMD level runnable; only the reference kernels are in use");
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> scale(0.005, 0.2);
    std::uniform_int_distribution<int> zp(std::is_same_v<T, uint8_t> ? 0 : -128, std::is_same_v<T, uint8_t> ? 255 : 127);
    for (cpu::simd_level level : levels)
        for (int trial = 0; trial < 40; ++trial) {
            // TFLite's ADD setup: twice the larger input scale, inputs rescaled by s_i / (2 max), output by
            // 2 max / (2^20 s_out).
            const double s1 = scale(rng), s2 = scale(rng), so = scale(rng), twice_max = 2 * std::max(s1, s2);
            reference::add_quant_params q;
            q.input1_offset = -zp(rng), q.input2_offset = -zp(rng), q.output_offset = zp(rng);
            fixed_point::quantize_multiplier(s1 / twice_max, q.input1_multiplier, q.input1_shift);
            fixed_point::quantize_multiplier(s2 / twice_max, q.input2_multiplier, q.input2_shift);
            fixed_point::quantize_multiplier(twice_max / (double(1 << 20) * so), q.output_multiplier, q.output_shift);
            q.act_min = std::is_same_v<T, uint8_t> ? 0 : -128;
            q.act_max = std::is_same_v<T, uint8_t> ? 255 : 127;
            if (trial % 3 == 0) q.act_min = q.output_offset;
            const int64_t len = 1 + trial * 13;
            auto a = test::random_values<T>(rng, size_t(len)), b = test::random_values<T>(rng, size_t(len));
            std::vector<T> want(static_cast<size_t>(len)), got(static_cast<size_t>(len));
            for (int64_t i = 0; i < len; ++i) want[size_t(i)] = reference::add_quantized_one(q, a[size_t(i)], b[size_t(i)]);
            cpu::add_packed pk;
            const int64_t split = len / 3;
            auto run = [&](auto arch) {
                using A = decltype(arch);
                cpu::pack_add(pk, q, cpu::int_ops<A>::lanes32);
                cpu::add_range<T, A>(pk, a.data(), b.data(), got.data(), 0, split);
                cpu::add_range<T, A>(pk, a.data(), b.data(), got.data(), split, len);
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
            INFO("level " << cpu::simd_level_name(level) << " length " << len);
            CHECK(got == want);
        }
}

TEST_CASE("cpu add uint8 SIMD kernel is bit-exact with the reference kernel") { check_all<uint8_t>(); }
TEST_CASE("cpu add int8 SIMD kernel is bit-exact with the reference kernel") { check_all<int8_t>(); }

}  // namespace
