#pragma once
// Reference SUB kernels for int8/uint8 (float/int32/int64: sub_fn in elementwise_binary.hpp), with ADD's rescaling
// recipe (tflite-format.md §7.6) applied to the difference.
#include <algorithm>
#include <cstdint>

#include "flatnn/reference/add.hpp"
#include "flatnn/reference/elementwise_binary.hpp"

namespace flatnn::reference {

template <class T>
inline T sub_quantized_one(const add_quant_params& q, T x1, T x2) noexcept {
    const int32_t a = fixed_point::multiply_by_quantized_multiplier(
        (int32_t(x1) + q.input1_offset) * (1 << q.left_shift), q.input1_multiplier, q.input1_shift);
    const int32_t b = fixed_point::multiply_by_quantized_multiplier(
        (int32_t(x2) + q.input2_offset) * (1 << q.left_shift), q.input2_multiplier, q.input2_shift);
    const int32_t y =
        fixed_point::multiply_by_quantized_multiplier(a - b, q.output_multiplier, q.output_shift) + q.output_offset;
    return T(std::min(std::max(y, q.act_min), q.act_max));
}

template <class T>
inline void sub_quantized(const broadcast_params& p, const add_quant_params& q, const T* a, const T* b,
                          T* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) { out[o] = sub_quantized_one(q, a[i1], b[i2]); });
}

}  // namespace flatnn::reference
