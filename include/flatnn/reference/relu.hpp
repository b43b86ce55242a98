#pragma once
// The RELU family (RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1): float clamps, and TFLite's quantized ReluX: rescale
// the offset input to the output scale, add the output zero point, clamp to the quantized bounds.
#include <algorithm>
#include <cstdint>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct relu_fn {
    float operator()(float x) const noexcept { return std::max(x, 0.0f); }
};
struct relu6_fn {
    float operator()(float x) const noexcept { return std::min(std::max(x, 0.0f), 6.0f); }
};
struct relu_n1_to_1_fn {
    float operator()(float x) const noexcept { return std::min(std::max(x, -1.0f), 1.0f); }
};
struct relu_0_to_1_fn {
    float operator()(float x) const noexcept { return std::min(std::max(x, 0.0f), 1.0f); }
};

struct relu_quant_params {
    int32_t input_zero_point = 0, output_zero_point = 0;
    int32_t multiplier = 0;  // input scale / output scale
    int shift = 0;
    int32_t act_min = 0, act_max = 0;  // quantized clamp bounds
};

inline int32_t relu_x_quantized(const relu_quant_params& q, int32_t v) noexcept {
    const int32_t y =
        fixed_point::add_saturated(q.output_zero_point,
                                   fixed_point::multiply_by_quantized_multiplier(v - q.input_zero_point, q.multiplier, q.shift));
    return std::min(std::max(y, q.act_min), q.act_max);
}

}  // namespace flatnn::reference
