#pragma once
// SIN: float32.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_sin(node& n) { return prepare_float_or_lut<reference::sin_fn>(n, false, false); }

}  // namespace flatnn::ops
