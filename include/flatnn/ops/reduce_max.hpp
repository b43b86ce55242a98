#pragma once
// REDUCE_MAX over constant axes (ops/reduce.hpp): largest element; float32, int32, int64, int8/uint8 (raw values).
#include "flatnn/ops/reduce.hpp"

namespace flatnn::ops {

inline status prepare_reduce_max(node& n) { return prepare_reduce_fold<reference::reduce_max_fn>(n, true, true); }

}  // namespace flatnn::ops
