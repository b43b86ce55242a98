#pragma once
// GREATER_EQUAL: a >= b element-wise with broadcasting, bool output (see ops/comparison.hpp for the types).
#include "flatnn/ops/comparison.hpp"

namespace flatnn::ops {

inline status prepare_greater_equal(node& n) { return prepare_comparison<reference::greater_equal_fn>(n, false); }

}  // namespace flatnn::ops
