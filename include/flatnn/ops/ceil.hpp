#pragma once
// CEIL: float32.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_ceil(node& n) { return prepare_float_or_lut<reference::ceil_fn>(n, false, false); }

}  // namespace flatnn::ops
