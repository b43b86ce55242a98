#pragma once
// EQUAL: a == b element-wise with broadcasting, bool output (see ops/comparison.hpp for the types).
#include "flatnn/ops/comparison.hpp"

namespace flatnn::ops {

inline status prepare_equal(node& n) { return prepare_comparison<reference::equal_fn>(n, true); }

}  // namespace flatnn::ops
