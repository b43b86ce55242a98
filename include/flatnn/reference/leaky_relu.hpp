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
    const int32_t x = v - q.input_zero_point;
    int32_t y = q.output_zero_point;
    if (x >= 0) {
        y += fixed_point::multiply_by_quantized_multiplier(x, q.identity_multiplier, q.identity_shift);
    } else {
        const bool negative = q.alpha_multiplier < 0;
        const int32_t scaled = fixed_point::multiply_by_quantized_multiplier(
            x, negative ? -q.alpha_multiplier : q.alpha_multiplier, q.alpha_shift);
        y += negative ? -scaled : scaled;
    }
    return clamp_to<T>(y);
}

}  // namespace flatnn::reference
