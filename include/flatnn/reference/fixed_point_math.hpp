#pragma once
// Fixed-point transcendental functions on raw int32 values, bit-exact with the gemmlowp routines TensorFlow Lite's
// quantized LOG_SOFTMAX (and other legacy 8-bit kernels) use. A value with k integer bits is raw / 2^(31-k).
// Additions wrap as two's complement (the C++ originals overflow only on inputs their kernels never produce).
#include <algorithm>
#include <cstdint>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference::fxp {

inline int32_t add(int32_t a, int32_t b) noexcept { return int32_t(uint32_t(a) + uint32_t(b)); }
inline int32_t sub(int32_t a, int32_t b) noexcept { return int32_t(uint32_t(a) - uint32_t(b)); }
inline int32_t mul(int32_t a, int32_t b) noexcept { return fixed_point::srdhm(a, b); }  // integer bits add up

inline int32_t saturating_add(int32_t a, int32_t b) noexcept { return fixed_point::add_saturated(a, b); }
inline int32_t saturating_sub(int32_t a, int32_t b) noexcept {
    const int64_t d = int64_t(a) - int64_t(b);
    return int32_t(std::min<int64_t>(INT32_MAX, std::max<int64_t>(INT32_MIN, d)));
}

// x * 2^e: saturating for e > 0, rounding for e < 0.
inline int32_t mul_pot(int32_t x, int e) noexcept {
    if (e == 0) return x;
    if (e < 0) return fixed_point::rdbpot(x, std::min(-e, 31));
    if (e >= 31) return x > 0 ? INT32_MAX : x < 0 ? INT32_MIN : 0;
    const int32_t threshold = int32_t((int64_t(1) << (31 - e)) - 1);
    if (x > threshold) return INT32_MAX;
    if (x < -threshold) return INT32_MIN;
    return int32_t(uint32_t(x) << e);
}

// A value with `from` integer bits re-expressed with `to` integer bits.
inline int32_t rescale(int32_t raw, int from, int to) noexcept { return mul_pot(raw, from - to); }

// (a + b) / 2 rounded away from zero, without overflow.
inline int32_t rounding_half_sum(int32_t a, int32_t b) noexcept {
    const int64_t s = int64_t(a) + int64_t(b);
    return int32_t((s + (s >= 0 ? 1 : -1)) / 2);
}

inline int count_leading_zeros(uint32_t v) noexcept {
    if (v == 0) return 32;
    int n = 0;
    for (uint32_t bit = 0x80000000u; !(v & bit); bit >>= 1) ++n;
    return n;
}

constexpr int32_t one_q0 = INT32_MAX;  // 1.0 with 0 integer bits saturates to the largest raw value

// exp(a) for a in [-1/4, 0), Q0.31 in and out: a Taylor expansion around -1/8.
inline int32_t exp_on_quarter_interval(int32_t a) noexcept {
    const int32_t exp_minus_eighth = 1895147668, one_third = 715827883;
    const int32_t x = add(a, 1 << 28);
    const int32_t x2 = mul(x, x), x3 = mul(x2, x), x4 = mul(x2, x2);
    const int32_t x4_over_4 = mul_pot(x4, -2);
    const int32_t poly = mul_pot(add(mul(add(x4_over_4, x3), one_third), x2), -1);
    return add(exp_minus_eighth, mul(exp_minus_eighth, add(x, poly)));
}

// exp(a) for a <= 0 with `int_bits` integer bits; the result is Q0.31. The part of a below -1/4 multiplies in
// exp(-2^k) constants bit by bit.
inline int32_t exp_on_negative_values(int32_t a, int int_bits) noexcept {
    const int frac = 31 - int_bits;
    const int32_t quarter = int32_t(1) << (frac - 2);
    const int32_t mod_minus_quarter = sub(a & (quarter - 1), quarter);
    int32_t result = exp_on_quarter_interval(rescale(mod_minus_quarter, int_bits, 0));
    const int32_t remainder = sub(mod_minus_quarter, a);
    static const int32_t multipliers[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    for (int e = -2; e <= 4; ++e)
        if (int_bits > e && (uint32_t(remainder) & (uint32_t(1) << (frac + e))))
            result = mul(result, multipliers[e + 2]);
    if (int_bits > 5 && a < -(int32_t(1) << (36 - int_bits))) result = 0;  // below -32
    return a == 0 ? one_q0 : result;
}

// 1 / (1 + a) for a in [0, 1), Q0.31 in and out: Newton-Raphson division with 2 integer bits.
inline int32_t one_over_one_plus_x(int32_t a) noexcept {
    const int32_t half_denominator = rounding_half_sum(a, one_q0);
    const int32_t c48_17 = 1515870810, c_neg32_17 = -1010580540, one_q2 = 1 << 29;
    int32_t x = add(c48_17, mul(half_denominator, c_neg32_17));
    for (int i = 0; i < 3; ++i) {
        const int32_t one_minus = sub(one_q2, mul(half_denominator, x));
        x = add(x, rescale(mul(x, one_minus), 4, 2));
    }
    return rescale(x, 1, 0);  // x/2 read with one integer bit fewer
}

// log(x) for x >= 1 given with `in_bits` integer bits; the result has `out_bits` integer bits.
inline int32_t log_x_for_x_ge_1(int32_t x, int in_bits, int out_bits) noexcept {
    const int acc_bits = out_bits + 1;
    const int32_t log_2 = 1488522236, sqrt_sqrt_half = 1805811301, sqrt_half = 1518500250, quarter = 536870912;
    const int32_t alpha_n = 117049297, alpha_d = 127690142, alpha_i = 1057819769, alpha_f = 638450708;
    const int32_t shifted_quarter = rescale(quarter, 0, acc_bits);
    // Two normalisations of x into [1/2, 1) (one premultiplied by sqrt(1/2)); the better one is kept.
    const int za_headroom_plus_1 = count_leading_zeros(uint32_t(x));
    const int32_t ra = mul_pot(mul(mul_pot(x, za_headroom_plus_1 - 1), sqrt_half), 1);
    const int32_t za_pow2 = saturating_add(mul_pot(in_bits - za_headroom_plus_1, 31 - acc_bits), shifted_quarter);
    const int zb_headroom = count_leading_zeros(uint32_t(mul(x, sqrt_half))) - 1;
    const int32_t rb = mul_pot(x, zb_headroom);
    const int32_t zb_pow2 = saturating_sub(mul_pot(in_bits - zb_headroom, 31 - acc_bits), shifted_quarter);
    const int32_t r = std::min(ra, rb), z_pow2 = std::max(za_pow2, zb_pow2);
    // A rational approximation of log around sqrt(sqrt(1/2)).
    const int32_t p = rounding_half_sum(r, sqrt_sqrt_half);
    int32_t q = sub(r, sqrt_sqrt_half);
    q = add(q, q);
    const int32_t sq = mul(q, q);
    const int32_t num = add(mul(q, r), mul(mul(q, sq), alpha_n));
    const int32_t denom_minus_one = add(mul(p, add(add(alpha_i, q), mul(alpha_d, sq))), mul(alpha_f, q));
    const int32_t recip = one_over_one_plus_x(denom_minus_one);
    const int32_t num_scaled = rescale(num, 0, acc_bits);
    return rescale(add(mul(z_pow2, log_2), mul(num_scaled, recip)), acc_bits, out_bits);
}

}  // namespace flatnn::reference::fxp
