#pragma once
// Reference quantized DIV (uint8, broadcasting), as TensorFlow Lite: the divisor's fixed-point reciprocal
// (gemmlowp's 1/(1+x) on the divisor normalised into [1, 2)), the dividend shifted to full headroom, then one
// rescale by s1 / (s2 * s_out). The op refuses a divisor equal to its zero point before this runs (as TFLite);
// should one come, it goes through the same steps (32 leading zeros, normalised divisor 0), with no undefined
// behaviour.
#include <algorithm>
#include <cstdint>

#include "flatnn/reference/broadcast.hpp"
#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/reference/fixed_point_math.hpp"

namespace flatnn::reference {

struct div_quant_params {
    int32_t input1_offset = 0, input2_offset = 0, output_offset = 0;  // -z1, -z2, z_out
    int32_t multiplier = 0;
    int shift = 0;
    int32_t act_min = 0, act_max = 0;
};

// Redundant sign bits, as TFLite's GCC build counts them (__builtin_clrsb; 31 for 0 and -1).
inline int count_leading_sign_bits(int32_t x) noexcept {
    return fxp::count_leading_zeros(uint32_t(x >= 0 ? x : ~x)) - 1;
}

// TFLite's RoundingDivideByPOT as its x86-64 build evaluates it, also for exponents of 32 and more, which a
// zero or +-1 dividend reaches: the mask 2^e - 1 wraps to all ones and the shift count is taken modulo 32.
inline int32_t div_rounding_shift(int32_t x, int e) noexcept {
    if (e < 32) return fixed_point::rdbpot(x, e);
    const int32_t threshold = x < 0 ? 0 : -1;  // (mask >> 1) + (x < 0) with mask = -1
    return int32_t(uint32_t(x >> (e & 31)) + (x > threshold ? 1u : 0u));
}

inline int32_t div_quantized_one(const div_quant_params& q, int32_t a, int32_t b) noexcept {
    int32_t x1 = a + q.input1_offset, x2 = b + q.input2_offset;
    if (x2 < 0) x1 = -x1, x2 = -x2;
    const int clz = fxp::count_leading_zeros(uint32_t(x2));
    const int recip_shift = 31 - clz;  // bits of x2 above the unit
    const uint32_t normalised = clz < 32 ? uint32_t(x2) << clz : 0u;
    const int32_t reciprocal = fxp::one_over_one_plus_x(int32_t(normalised - 0x80000000u));
    const int headroom = count_leading_sign_bits(x1);
    const int32_t unscaled = fixed_point::srdhm(int32_t(uint32_t(x1) << headroom), reciprocal);
    const int total_shift = q.shift - recip_shift - headroom;
    const int32_t scaled = fixed_point::srdhm(unscaled, q.multiplier);
    const int32_t r = total_shift > 0 ? fxp::mul_pot(scaled, total_shift) : div_rounding_shift(scaled, -total_shift);
    return std::min(q.act_max, std::max(q.act_min, fixed_point::add_saturated(r, q.output_offset)));
}

template <class T>
inline void div_quantized(const broadcast_params& p, const div_quant_params& q, const T* a, const T* b, T* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) { out[o] = T(div_quantized_one(q, a[i1], b[i2])); });
}

}  // namespace flatnn::reference
