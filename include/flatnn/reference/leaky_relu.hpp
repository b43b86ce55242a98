#pragma once
// LEAKY_RELU: x for x > 0, alpha*x otherwise. Quantized as TFLite's QuantizeLeakyRelu: the offset input times the
// identity factor (s_in/s_out) or the alpha factor (alpha*s_in/s_out), plus the output zero point.
#include <cstdint>

#include "flatnn/reference/elementwise_unary.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

inline float leaky_relu_float(float alpha, float x) noexcept { return x > 0.0f ? x : x * alpha; }

struct leaky_relu_quant_params {
    int32_t input_zero_point = 0, output_zero_point = 0;
    int32_t identity_multiplier = 0, alpha_multiplier = 0;  // alpha_multiplier may be negative (negative alpha)
    int identity_shift = 0, alpha_shift = 0;
};

template <class T>
inline int32_t leaky_relu_quantized(const leaky_relu_quant_params& q, int32_t v) noexcept {
    // Hostile zero points can push these int32 steps out of range; saturating leaves every in-range result as
    // TFLite computes it.
    const int32_t x = fixed_point::add_saturated(v, q.input_zero_point == INT32_MIN ? INT32_MAX : -q.input_zero_point);
    int32_t scaled;
    if (x >= 0) {
        scaled = fixed_point::multiply_by_quantized_multiplier(x, q.identity_multiplier, q.identity_shift);
    } else {
        const bool negative = q.alpha_multiplier < 0;
        scaled = fixed_point::multiply_by_quantized_multiplier(
            x, negative ? (q.alpha_multiplier == INT32_MIN ? INT32_MAX : -q.alpha_multiplier) : q.alpha_multiplier,
            q.alpha_shift);
        if (negative) scaled = scaled == INT32_MIN ? INT32_MAX : -scaled;
    }
    return clamp_to<T>(fixed_point::add_saturated(q.output_zero_point, scaled));
}

}  // namespace flatnn::reference
