#pragma once
// MAXIMUM: broadcasting element-wise maximum; float32, int32, int64, and int8/uint8 on the raw values (TFLite compares them
// without rescaling; the converter gives inputs and output one scale).
#include "flatnn/ops/elementwise_binary.hpp"

namespace flatnn::ops {

inline status prepare_maximum(node& n) { return prepare_binary_same_type<reference::maximum_fn>(n, true, true); }

}  // namespace flatnn::ops
