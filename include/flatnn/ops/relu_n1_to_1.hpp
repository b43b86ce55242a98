#pragma once
// RELU_N1_TO_1: min(max(x,-1),1); float32, int8 and uint8 (see ops/relu.hpp).
#include "flatnn/ops/relu.hpp"

namespace flatnn::ops {

inline status prepare_relu_n1_to_1(node& n) { return prepare_relu_family<reference::relu_n1_to_1_fn>(n, -1.0f, 1.0f); }

}  // namespace flatnn::ops
