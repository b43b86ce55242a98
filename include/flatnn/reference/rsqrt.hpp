#pragma once
// int8 RSQRT as TensorFlow Lite computes it: 1/sqrt of the offset input by a fixed-point Newton iteration (five
// steps on a value normalised into [2^27, 2^29), with 3 integer bits), then two rescales with a 20-bit headroom
// shift. Positive offsets only; zero maps to the largest output.
#include <cstdint>
#include <limits>

#include "flatnn/reference/elementwise_unary.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

namespace rsqrt_detail {

// x * 2^e with saturation (gemmlowp's SaturatingRoundingMultiplyByPOT for e > 0).
inline int32_t saturating_shift_left(int32_t x, int e) noexcept {
    const int32_t threshold = int32_t((int64_t(1) << (31 - e)) - 1);
    if (x > threshold) return std::numeric_limits<int32_t>::max();
    if (x < -threshold) return std::numeric_limits<int32_t>::min();
    return int32_t(uint32_t(x) << e);
}

inline int count_leading_zeros(uint32_t v) noexcept {
    int n = 0;
    for (uint32_t bit = 0x80000000u; bit && !(v & bit); bit >>= 1) ++n;
    return n;
}

}  // namespace rsqrt_detail

// 1/sqrt(input) as a Q31 multiplier and a left shift (TFLite's GetInvSqrtQuantizedMultiplierExp with the reverse
// shift -1, as RSQRT uses it).
inline void inv_sqrt_multiplier(int32_t input, int32_t& multiplier, int& shift) noexcept {
    using fixed_point::srdhm;
    using rsqrt_detail::saturating_shift_left;
    if (input <= 1) {
        multiplier = std::numeric_limits<int32_t>::max();
        shift = 0;
        return;
    }
    shift = 11;
    while (input >= (1 << 29)) {
        input /= 4;
        ++shift;
    }
    const int pairs = (rsqrt_detail::count_leading_zeros(uint32_t(input)) - 1) / 2 - 1;
    shift -= pairs;
    input <<= 2 * pairs;
    // Q3.28 values: one = 2^28, 1.5 = 2^28 + 2^27.
    const int32_t half_input = fixed_point::rdbpot(input >> 1, 1);
    const int32_t half_three = (1 << 28) + (1 << 27);
    int32_t x = 1 << 28;
    for (int i = 0; i < 5; ++i) {
        const int32_t x3 = saturating_shift_left(srdhm(srdhm(x, x), x), 6);  // Q9 -> Q3
        x = saturating_shift_left(srdhm(half_three, x) - srdhm(half_input, x3), 3);  // Q6 -> Q3
    }
    x = srdhm(x, 1518500250);  // times sqrt(2)/2 in Q0.31
    multiplier = x;
    if (shift < 0) {
        multiplier = int32_t(uint32_t(multiplier) << -shift);
        shift = 0;
    }
    shift = -shift;
}

struct rsqrt_quant_params {
    int32_t input_zero_point = 0, output_zero_point = 0;
    int32_t multiplier = 0;  // 1 / (sqrt(in_scale) * out_scale)
    int shift = 0;
};

// Inputs below the zero point are an error the kernel reports; this maps them like zero.
template <class T>
inline int32_t rsqrt_quantized(const rsqrt_quant_params& q, int32_t v) noexcept {
    const int32_t value = v - q.input_zero_point;
    if (value <= 0) return std::numeric_limits<T>::max();
    int32_t inv = 0;
    int inv_shift = 0;
    inv_sqrt_multiplier(value, inv, inv_shift);
    constexpr int headroom = 20;
    const int32_t data = fixed_point::multiply_by_quantized_multiplier(1, inv, inv_shift + headroom);
    const int32_t y =
        fixed_point::add_saturated(fixed_point::multiply_by_quantized_multiplier(data, q.multiplier, q.shift - headroom),
                                   q.output_zero_point);
    return clamp_to<T>(y);
}

}  // namespace flatnn::reference
