#pragma once
// TANH: float32; int8 and uint8 through the table of tanh (TFLite's reference and default kernels); int16
// (sigmoid_int16.hpp).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/ops/sigmoid_int16.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_tanh(node& n) {
    if (n.inputs.size() == 1 && n.has_input(0) && n.in(0).type == dtype::int16) {
        FLATNN_TRY(prepare_unary(n));
        return prepare_sigmoid_int16<true>(n);
    }
    return prepare_float_or_lut<reference::tanh_fn>(n, true, true);
}

}  // namespace flatnn::ops
