#pragma once
// REDUCE_PROD over constant axes (ops/reduce.hpp): product; float32, int32, int64.
#include "flatnn/ops/reduce.hpp"

namespace flatnn::ops {

inline status prepare_reduce_prod(node& n) { return prepare_reduce_fold<reference::reduce_prod_fn>(n, true, false); }

}  // namespace flatnn::ops
