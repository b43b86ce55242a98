#pragma once
// ROUND: float32, half to even.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_round(node& n) { return prepare_float_or_lut<reference::round_fn>(n, false, false); }

}  // namespace flatnn::ops
