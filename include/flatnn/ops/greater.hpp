#pragma once
// GREATER: a > b element-wise with broadcasting, bool output (see ops/comparison.hpp for the types).
#include "flatnn/ops/comparison.hpp"

namespace flatnn::ops {

inline status prepare_greater(node& n) { return prepare_comparison<reference::greater_fn>(n, false); }

}  // namespace flatnn::ops
