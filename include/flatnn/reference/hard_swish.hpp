#pragma once
// HARD_SWISH: x * relu6(x + 3) / 6. The int8/uint8 form is TFLite's 16-bit fixed-point recipe: the offset input
// on a 2^7 finer scale, once rescaled towards the output scale, once mapped from [-3, 3] onto [0, 1] (the
// "reluish" factor, with careful saturation when that rescale is a left shift), the two multiplied, then shifted
// to the output scale.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "flatnn/reference/elementwise_unary.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct hard_swish_fn {
    float operator()(float x) const noexcept { return x * std::min(6.0f, std::max(0.0f, x + 3.0f)) / 6.0f; }
};

struct hard_swish_quant_params {
    int32_t input_zero_point = 0, output_zero_point = 0;
    int16_t output_multiplier = 0, reluish_multiplier = 0;  // Q15 fixed point
    int output_exponent = 0, reluish_exponent = 0;          // output_exponent <= 0
};

namespace fixed_point16 {

inline int16_t saturate(int64_t v) noexcept {
    return int16_t(std::min<int64_t>(std::max<int64_t>(v, std::numeric_limits<int16_t>::min()),
                                     std::numeric_limits<int16_t>::max()));
}
inline int16_t saturating_left_shift(int16_t v, int amount) noexcept {
    return saturate(int64_t(v) * (int64_t(1) << (amount > 32 ? 32 : amount)));  // past 32 saturates all the same
}

// Rounding doubling high multiply on 16 bits (round half away from zero).
inline int16_t srdhm(int16_t a, int16_t b) noexcept {
    if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
    const int32_t p = int32_t(a) * int32_t(b);
    const int32_t nudge = p >= 0 ? (1 << 14) : (1 - (1 << 14));
    return int16_t((p + nudge) / (1 << 15));
}
// The same without rounding (truncates toward zero).
inline int16_t doubling_high_mul(int16_t a, int16_t b) noexcept {
    if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
    return int16_t((int32_t(a) * int32_t(b)) / (1 << 15));
}
inline int16_t rdbpot(int16_t x, int n) noexcept {
    // 64-bit steps: hostile scales give exponents past 31; every int16 has rounded to 0 well before 62.
    if (n > 62) n = 62;
    const int64_t mask = (int64_t(1) << n) - 1;
    const int64_t rem = int64_t(x) & mask;
    const int64_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return int16_t((int64_t(x) >> n) + (rem > threshold ? 1 : 0));
}

}  // namespace fixed_point16

template <class T>
inline int32_t hard_swish_quantized(const hard_swish_quant_params& q, int32_t v) noexcept {
    namespace f16 = fixed_point16;
    const int16_t hires = int16_t((v - q.input_zero_point) * (1 << 7));
    const int16_t preshift_out = f16::srdhm(hires, q.output_multiplier);
    int16_t reluish = hires;
    if (q.reluish_exponent > 0) reluish = f16::saturating_left_shift(reluish, q.reluish_exponent - 1);
    reluish = f16::srdhm(reluish, q.reluish_multiplier);
    if (q.reluish_exponent > 0) reluish = f16::saturating_left_shift(reluish, 1);
    if (q.reluish_exponent < 0) reluish = f16::rdbpot(reluish, -q.reluish_exponent);
    reluish = int16_t((int32_t(reluish) + (1 << 15)) >> 1);  // [-1, 1] -> [0, 1]
    const int16_t preshift = f16::doubling_high_mul(reluish, preshift_out);
    int16_t y = f16::rdbpot(preshift, -q.output_exponent);
    return clamp_to<T>(fixed_point::add_saturated(int32_t(y), q.output_zero_point));
}

}  // namespace flatnn::reference
