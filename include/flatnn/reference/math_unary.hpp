#pragma once
// Element-wise math functors (float, and the integer types where TFLite has them): the float forms of ABS, NEG,
// SQRT, RSQRT, EXP, LOG, SIN, COS, SQUARE, CEIL, FLOOR, ROUND, SIGN, TANH, ELU and LOGICAL_NOT.
#include <cmath>
#include <cstdint>
#include <limits>

#include "flatnn/reference/elementwise_unary.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct abs_fn {
    template <class T>
    T operator()(T x) const noexcept { return x < T(0) ? fixed_point::wrap_neg(x) : x; }  // |INT_MIN| wraps
    float operator()(float x) const noexcept { return std::fabs(x); }
};
struct neg_fn {
    template <class T>
    T operator()(T x) const noexcept { return fixed_point::wrap_neg(x); }
};
struct sqrt_fn {
    float operator()(float x) const noexcept { return std::sqrt(x); }
};
struct rsqrt_fn {
    float operator()(float x) const noexcept { return 1.0f / std::sqrt(x); }
};
struct exp_fn {
    float operator()(float x) const noexcept { return std::exp(x); }
};
struct log_fn {
    float operator()(float x) const noexcept { return std::log(x); }
};
struct sin_fn {
    float operator()(float x) const noexcept { return std::sin(x); }
};
struct cos_fn {
    float operator()(float x) const noexcept { return std::cos(x); }
};
struct square_fn {
    float operator()(float x) const noexcept { return x * x; }
};
struct ceil_fn {
    float operator()(float x) const noexcept { return std::ceil(x); }
};
struct floor_fn {
    float operator()(float x) const noexcept { return std::floor(x); }
};
// Half to even, as TFLite's ROUND.
struct round_fn {
    float operator()(float x) const noexcept {
        const float f = std::floor(x);
        const float diff = x - f;
        if (diff < 0.5f || (diff == 0.5f && std::fmod(f, 2.0f) == 0.0f)) return f;
        return f + 1.0f;
    }
};
struct sign_fn {
    template <class T>
    T operator()(T x) const noexcept { return T((T(0) < x) - (x < T(0))); }
};
struct tanh_fn {
    float operator()(float x) const noexcept { return std::tanh(x); }
};
struct elu_fn {
    float operator()(float x) const noexcept { return x < 0.0f ? std::expm1(x) : x; }
};
struct logical_not_fn {
    bool operator()(bool x) const noexcept { return !x; }
};

// int8 ABS as TFLite: |v - in_zp|, rescaled by in_scale/out_scale only when the scales differ, plus out_zp.
struct abs_quant_params {
    int32_t input_zero_point = 0, output_zero_point = 0;
    bool rescale = false;
    int32_t multiplier = 0;
    int shift = 0;
};
template <class T>
inline int32_t abs_quantized(const abs_quant_params& q, int32_t v) noexcept {
    const int32_t a = v < q.input_zero_point ? q.input_zero_point - v : v - q.input_zero_point;
    const int32_t r = q.rescale ? fixed_point::multiply_by_quantized_multiplier(a, q.multiplier, q.shift) : a;
    return clamp_to<T>(fixed_point::add_saturated(r, q.output_zero_point));
}

// int8 SQRT as TFLite: sqrt of the dequantized value, divided by the output scale and truncated toward zero (not
// rounded), plus out_zp. Negative inputs are an error the kernel reports.
template <class T>
inline int32_t sqrt_quantized(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp, int32_t v) noexcept {
    const float x = in_scale * float(v - in_zp);
    if (!(x >= 0.0f)) return 0;
    // A hostile output scale can put the quotient beyond int32: saturate (trunc, as TFLite, when it fits).
    return clamp_to<T>(fixed_point::add_saturated(fixed_point::saturate_to_int32(double(std::sqrt(x) / out_scale)), out_zp));
}

// int8 LOG as TFLite: the table of log, with inputs <= 0 mapped to the lowest output value.
inline float log_or_lowest(float x, float lowest) noexcept { return x <= 0.0f ? lowest : std::log(x); }

}  // namespace flatnn::reference
