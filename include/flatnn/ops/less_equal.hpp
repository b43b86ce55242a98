#pragma once
// LESS_EQUAL: a <= b element-wise with broadcasting, bool output (see ops/comparison.hpp for the types).
#include "flatnn/ops/comparison.hpp"

namespace flatnn::ops {

inline status prepare_less_equal(node& n) { return prepare_comparison<reference::less_equal_fn>(n, false); }

}  // namespace flatnn::ops
