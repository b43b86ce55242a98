#pragma once
// RSQRT: 1/sqrt(x); float32 (TFLite's int8 form, a fixed-point Newton iteration, is not implemented).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_rsqrt(node& n) { return prepare_float_or_lut<reference::rsqrt_fn>(n, false, false); }

}  // namespace flatnn::ops
