#pragma once
// FLOOR_MOD: broadcasting remainder with the divisor's sign; float32, int32 and int64 (an integer zero divisor is
// an error).
#include "flatnn/ops/floor_div.hpp"

namespace flatnn::ops {

inline status prepare_floor_mod(node& n) { return prepare_integer_division<reference::floor_mod_fn>(n); }

}  // namespace flatnn::ops
