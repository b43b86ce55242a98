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
    int32_t a = 0, b = 0;
    add_rescale_inputs(q, x1, x2, a, b);
    return T(add_rescale_output(q, a - b));
}

template <class T>
inline void sub_quantized(const broadcast_params& p, const add_quant_params& q, const T* a, const T* b,
                          T* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) { out[o] = sub_quantized_one(q, a[i1], b[i2]); });
}

}  // namespace flatnn::reference
