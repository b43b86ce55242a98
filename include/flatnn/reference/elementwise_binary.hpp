#pragma once
// Broadcasting element-wise binary kernels: out[o] = f(a[i1], b[i2]) over the broadcast walk, and the functors of
// MAXIMUM, MINIMUM, FLOOR_DIV, FLOOR_MOD, POW, SQUARED_DIFFERENCE, DIV and the logical ops.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "flatnn/reference/broadcast.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

template <class T, class U, class F>
inline void binary_map(const broadcast_params& p, const T* a, const T* b, U* out, F&& f) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) { out[o] = f(a[i1], b[i2]); });
}

// out = clamp(f(a, b), lo, hi): the float/integer forms of ops with a fused activation (SUB, DIV).
template <class T, class F>
inline void binary_map_clamped(const broadcast_params& p, T lo, T hi, const T* a, const T* b, T* out, F&& f) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) { out[o] = std::min(std::max(T(f(a[i1], b[i2])), lo), hi); });
}

// Integers wrap (two's complement) instead of overflowing: TFLite's int32 ADD overflows there, undefined in C++.
struct add_fn {
    template <class T>
    T operator()(T a, T b) const noexcept {
        if constexpr (std::is_integral<T>::value) return T(std::make_unsigned_t<T>(a) + std::make_unsigned_t<T>(b));
        else return a + b;
    }
};
struct sub_fn {
    template <class T>
    T operator()(T a, T b) const noexcept {
        if constexpr (std::is_integral<T>::value) return T(std::make_unsigned_t<T>(a) - std::make_unsigned_t<T>(b));
        else return a - b;
    }
};
struct maximum_fn {
    template <class T>
    T operator()(T a, T b) const noexcept { return a > b ? a : b; }
};
struct minimum_fn {
    template <class T>
    T operator()(T a, T b) const noexcept { return a < b ? a : b; }
};
// Integers wrap, as add_fn: a hostile int32 pair squares past 2^31.
struct squared_difference_fn {
    template <class T>
    T operator()(T a, T b) const noexcept {
        const T d = sub_fn{}(a, b);
        return fixed_point::wrap_mul(d, d);
    }
};
// floor(a / b) computed in double, as TFLite (integer division by zero is rejected before the kernel runs).
// The one quotient outside the type (INT_MIN / -1) saturates rather than converting out of range.
struct floor_div_fn {
    float operator()(float a, float b) const noexcept { return float(std::floor(double(a) / double(b))); }
    template <class T>
    T operator()(T a, T b) const noexcept {
        const double q = std::floor(double(a) / double(b));
        if (q >= -double(std::numeric_limits<T>::min())) return std::numeric_limits<T>::max();
        if (q <= double(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
        return T(q);
    }
};
// The remainder takes the divisor's sign (Python's %).
struct floor_mod_fn {
    float operator()(float a, float b) const noexcept {
        const float r = std::fmod(a, b);
        return (r != 0.0f && ((r < 0.0f) != (b < 0.0f))) ? r + b : r;
    }
    template <class T>
    T operator()(T a, T b) const noexcept {
        if (b == T(-1)) return T(0);  // INT_MIN % -1 overflows in C++
        const T r = a % b;
        return (r != 0 && ((r < 0) != (b < 0))) ? T(r + b) : r;
    }
};
// std::pow in double for int32, as TFLite (negative integer exponents are rejected by the kernel).
struct pow_fn {
    float operator()(float a, float b) const noexcept { return std::pow(a, b); }
    int32_t operator()(int32_t a, int32_t b) const noexcept { return fixed_point::saturate_to_int32(std::pow(double(a), double(b))); }
};
struct div_fn {
    template <class T>
    T operator()(T a, T b) const noexcept {
        if constexpr (std::is_integral<T>::value)
            if (b == T(-1)) return fixed_point::wrap_neg(a);  // INT_MIN / -1 wraps instead of overflowing
        return a / b;
    }
};
struct logical_and_fn {
    bool operator()(bool a, bool b) const noexcept { return a && b; }
};
struct logical_or_fn {
    bool operator()(bool a, bool b) const noexcept { return a || b; }
};

}  // namespace flatnn::reference
