#pragma once
// TensorFlow Lite's integer rescaling arithmetic (gemmlowp rounding), reproduced exactly: see
// tflite-format.md §7.3. Every quantized kernel goes through these functions.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <limits>

namespace flatnn::fixed_point {

// Saturating rounding doubling high multiply.
inline int32_t srdhm(int32_t a, int32_t b) noexcept {
    if (a == b && a == std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::max();
    const int64_t p = int64_t(a) * int64_t(b);
    const int64_t nudge = p >= 0 ? (int64_t(1) << 30) : (1 - (int64_t(1) << 30));
    return int32_t((p + nudge) / (int64_t(1) << 31));
}

// Rounding divide by a power of two, round half away from zero.
inline int32_t rdbpot(int32_t x, int n) noexcept {
    const int32_t mask = int32_t((int64_t(1) << n) - 1);
    const int32_t rem = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> n) + (rem > threshold ? 1 : 0);
}

// x * M * 2^(shift-31) with TFLite's double rounding.
// a + b saturated to int32: hostile biases, scales or zero points must not overflow (undefined behaviour); for
// every sum that fits, the result is the plain sum, so real models stay bit-exact.
inline int32_t add_saturated(int32_t a, int32_t b) noexcept {
    const int64_t s = int64_t(a) + int64_t(b);
    return int32_t(s < INT32_MIN ? INT32_MIN : (s > INT32_MAX ? INT32_MAX : s));
}

inline int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) noexcept {
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    return rdbpot(srdhm(int32_t(uint32_t(x) << left), multiplier), right);
}

// TFLite's 64-bit rescale (16x8 kernels with int64 accumulators): the multiplier rounded to 16 bits, one rounding
// right shift by 15 - shift. Out-of-contract shifts are clamped and the product wraps, instead of being undefined.
inline int32_t multiply_by_quantized_multiplier(int64_t x, int32_t multiplier, int shift) noexcept {
    const int64_t reduced = multiplier < 0x7FFF0000 ? (int64_t(multiplier) + (1 << 15)) >> 16 : 0x7FFF;
    const int total_shift = std::min(std::max(15 - shift, 1), 62);
    const int64_t v = int64_t(uint64_t(x) * uint64_t(reduced) + (uint64_t(1) << (total_shift - 1)));
    return int32_t(uint32_t(uint64_t(v >> total_shift)));  // TFLite's static_cast: the low 32 bits
}

// acc + term, wrapping for integers (as the int32/int64 sums of TFLite's kernels do on x86, where hostile shapes
// and values can overflow them) instead of overflowing; plain addition for floating point.
template <class A, class B>
inline A wrap_add(A acc, B term) noexcept {
    if constexpr (std::is_integral_v<A>)
        return A(std::make_unsigned_t<A>(acc) + std::make_unsigned_t<A>(A(term)));
    else
        return A(acc + A(term));
}

// a · b and -a with the same wrapping (the product of narrow types is formed in unsigned int, which cannot
// overflow into undefined behaviour as int would).
template <class T>
inline T wrap_mul(T a, T b) noexcept {
    if constexpr (std::is_integral_v<T>) {
        using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
        return T(U(a) * U(b));
    } else {
        return a * b;
    }
}
template <class T>
inline T wrap_neg(T a) noexcept {
    if constexpr (std::is_integral_v<T>) return T(std::make_unsigned_t<T>(0) - std::make_unsigned_t<T>(a));
    else return -a;
}

// acc + bias for the quantized accumulators: int32 saturates (as the 8-bit kernels), int64 wraps.
inline int32_t add_bias(int32_t acc, int32_t bias) noexcept { return add_saturated(acc, bias); }
inline int64_t add_bias(int64_t acc, int64_t bias) noexcept { return int64_t(uint64_t(acc) + uint64_t(bias)); }

// Splits a positive real factor into (M, shift) with m ≈ M·2^(shift-31).
inline void quantize_multiplier(double m, int32_t& multiplier, int& shift) noexcept {
    if (m == 0.0 || !std::isfinite(m)) {
        multiplier = 0;
        shift = 0;
        return;
    }
    const double q = std::frexp(m, &shift);
    int64_t q_fixed = int64_t(std::round(q * double(int64_t(1) << 31)));
    if (q_fixed == (int64_t(1) << 31)) {
        q_fixed /= 2;
        ++shift;
    }
    if (shift < -31) {
        shift = 0;
        q_fixed = 0;
    }
    // As TFLite: a factor of 2^31 or more saturates (a larger left shift would overflow the 32-bit operand).
    if (shift > 30) {
        shift = 30;
        q_fixed = (int64_t(1) << 31) - 1;
    }
    multiplier = int32_t(q_fixed);
}

// Round half away from zero, as TfLiteRound.
inline float round_half_away(float x) noexcept { return std::round(x); }

// A rounded float plus a zero point, saturated to int32 (NaN gives INT32_MIN): with a hostile scale the value lies
// beyond int32, and converting it would be undefined behaviour. Callers clamp to the output type next.
inline int32_t saturate_to_int32(double v) noexcept {
    return v >= 2147483647.0 ? INT32_MAX : (v > -2147483648.0 ? int32_t(v) : INT32_MIN);
}

}  // namespace flatnn::fixed_point
