#pragma once
// Reference ADD kernels: float, and the int8/uint8 rescaling recipe of tflite-format.md §7.6.
#include <algorithm>
#include <cstdint>

#include "flatnn/core/tensor.hpp"
#include "flatnn/reference/broadcast.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct add_quant_params {
    int32_t input1_offset = 0, input2_offset = 0;  // minus the input zero points
    int32_t output_offset = 0;                     // the output zero point
    int left_shift = 20;
    int32_t input1_multiplier = 0, input2_multiplier = 0, output_multiplier = 0;
    int input1_shift = 0, input2_shift = 0, output_shift = 0;  // all <= 0 (right shifts)
    int32_t act_min = 0, act_max = 0;
};

inline void add_float(const broadcast_params& p, float act_min, float act_max, const float* a, const float* b,
                      float* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) {
        out[o] = std::min(std::max(a[i1] + b[i2], act_min), act_max);
    });
}

// Both offset inputs shifted left and rescaled to the common scale (SUB shares this).
template <class T>
inline void add_rescale_inputs(const add_quant_params& q, T x1, T x2, int32_t& a, int32_t& b) noexcept {
    a = fixed_point::multiply_by_quantized_multiplier((int32_t(x1) + q.input1_offset) * (1 << q.left_shift),
                                                      q.input1_multiplier, q.input1_shift);
    b = fixed_point::multiply_by_quantized_multiplier((int32_t(x2) + q.input2_offset) * (1 << q.left_shift),
                                                      q.input2_multiplier, q.input2_shift);
}

// A sum (or difference) on the common scale to the clamped output value.
inline int32_t add_rescale_output(const add_quant_params& q, int32_t raw) noexcept {
    const int32_t y = fixed_point::add_saturated(
        fixed_point::multiply_by_quantized_multiplier(raw, q.output_multiplier, q.output_shift), q.output_offset);
    return std::min(std::max(y, q.act_min), q.act_max);
}

template <class T>
inline T add_quantized_one(const add_quant_params& q, T x1, T x2) noexcept {
    int32_t a = 0, b = 0;
    add_rescale_inputs(q, x1, x2, a, b);
    return T(add_rescale_output(q, a + b));
}

template <class T>
inline void add_quantized(const broadcast_params& p, const add_quant_params& q, const T* a, const T* b,
                          T* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) { out[o] = add_quantized_one(q, a[i1], b[i2]); });
}

}  // namespace flatnn::reference
