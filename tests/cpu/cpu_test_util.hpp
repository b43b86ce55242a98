#pragma once
// Helpers for the CPU kernel tests: random tensors and quantization parameters, and the SIMD levels this machine
// can run (every one of them is tested against the reference kernels).
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "flatnn/cpu/arch.hpp"
#include "flatnn/ops/conv_common.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::test {

inline std::vector<cpu::simd_level> runnable_simd_levels() {
    std::vector<cpu::simd_level> r;
    for (int l = 1; l <= int(cpu::runtime_simd_level()); ++l) r.push_back(cpu::simd_level(l));
    return r;
}

// The levels the integer kernel tests run: all of them (the AVX-512 level has its AVX512BW forms).
inline std::vector<cpu::simd_level> int_kernel_levels() { return runnable_simd_levels(); }

template <class T>
std::vector<T> random_values(std::mt19937& rng, size_t n) {
    std::uniform_int_distribution<int> d(std::is_same_v<T, uint8_t> ? 0 : -128, std::is_same_v<T, uint8_t> ? 255 : 127);
    std::vector<T> v(n);
    for (auto& x : v) x = T(d(rng));
    return v;
}

// Quantization parameters as prepare would compute them, with random scales: per channel when `per_channel`,
// else one multiplier for every channel. Scales spread the outputs over the 8-bit range (some saturate); a few
// channels get scales above 1 so that the left-shift path runs.
template <class T>
ops::conv_quant_params random_conv_quant(std::mt19937& rng, int32_t channels, int32_t taps, bool per_channel) {
    ops::conv_quant_params q;
    std::uniform_int_distribution<int> zp(std::is_same_v<T, uint8_t> ? 0 : -128, std::is_same_v<T, uint8_t> ? 255 : 127);
    q.input_offset = -zp(rng);
    q.filter_offset = std::is_same_v<T, uint8_t> ? -zp(rng) : 0;
    q.output_zero_point = zp(rng);
    std::uniform_real_distribution<double> u(0.3, 3.0);
    q.multiplier.resize(size_t(channels));
    q.shift.resize(size_t(channels));
    const double base = 1.0 / (std::sqrt(double(taps)) * 128.0 * 16.0);
    for (int32_t c = 0; c < channels; ++c) {
        double m = base * u(rng);
        if (per_channel && c % 7 == 3) m *= 4096.0;  // > 1: left shift
        if (!per_channel && c > 0) {
            q.multiplier[size_t(c)] = q.multiplier[0];
            q.shift[size_t(c)] = q.shift[0];
            continue;
        }
        fixed_point::quantize_multiplier(m, q.multiplier[size_t(c)], q.shift[size_t(c)]);
    }
    const int lo = std::is_same_v<T, uint8_t> ? 0 : -128, hi = std::is_same_v<T, uint8_t> ? 255 : 127;
    std::uniform_int_distribution<int> pick(0, 2);
    q.act_min = pick(rng) == 0 ? q.output_zero_point : lo;  // ReLU-like sometimes
    q.act_max = pick(rng) == 0 ? std::min(hi, q.output_zero_point + 60) : hi;
    if (q.act_max < q.act_min) q.act_max = q.act_min;
    return q;
}

}  // namespace flatnn::test
