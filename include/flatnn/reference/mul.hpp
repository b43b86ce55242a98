#pragma once
// Reference MUL kernels: float, and int8/uint8 with one rescale of the product of the offset inputs.
#include <algorithm>
#include <cstdint>

#include "flatnn/core/tensor.hpp"
#include "flatnn/reference/broadcast.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct mul_quant_params {
    int32_t input1_offset = 0, input2_offset = 0;  // minus the input zero points
    int32_t output_offset = 0;                     // the output zero point
    int32_t multiplier = 0;
    int shift = 0;
    int32_t act_min = 0, act_max = 0;
};

inline void mul_float(const broadcast_params& p, float act_min, float act_max, const float* a, const float* b,
                      float* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) {
        out[o] = std::min(std::max(a[i1] * b[i2], act_min), act_max);
    });
}

template <class T>
inline void mul_quantized(const broadcast_params& p, const mul_quant_params& q, const T* a, const T* b,
                          T* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) {
        const int32_t prod = (int32_t(a[i1]) + q.input1_offset) * (int32_t(b[i2]) + q.input2_offset);
        const int32_t y =
            fixed_point::add_saturated(fixed_point::multiply_by_quantized_multiplier(prod, q.multiplier, q.shift), q.output_offset);
        out[o] = T(std::min(std::max(y, q.act_min), q.act_max));
    });
}

}  // namespace flatnn::reference
