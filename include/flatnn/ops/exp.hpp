#pragma once
// EXP: float32; int8 through the table of exp, as TFLite.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_exp(node& n) { return prepare_float_or_lut<reference::exp_fn>(n, true, false); }

}  // namespace flatnn::ops
