#pragma once
// RELU6: min(max(x,0),6); float32, int8, uint8 and int16 (see ops/relu.hpp).
#include "flatnn/ops/relu.hpp"

namespace flatnn::ops {

inline status prepare_relu6(node& n) { return prepare_relu_family<reference::relu6_fn>(n, 0.0f, 6.0f, true); }

}  // namespace flatnn::ops
