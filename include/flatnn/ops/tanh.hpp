#pragma once
// TANH: float32; int8 and uint8 through the table of tanh (TFLite's reference and default kernels).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_tanh(node& n) { return prepare_float_or_lut<reference::tanh_fn>(n, true, true); }

}  // namespace flatnn::ops
