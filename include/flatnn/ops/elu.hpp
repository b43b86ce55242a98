#pragma once
// ELU: x for x >= 0, exp(x) - 1 below; float32, and int8 through the table of the same function (as TFLite).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_elu(node& n) { return prepare_float_or_lut<reference::elu_fn>(n, true, false); }

}  // namespace flatnn::ops
