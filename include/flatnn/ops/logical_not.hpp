#pragma once
// LOGICAL_NOT: bool.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_logical_not(node& n) {
    FLATNN_TRY(prepare_unary(n));
    if (n.in(0).type != dtype::boolean) return unary_no_kernel(n);
    n.invoke = unary_invoke<bool, reference::logical_not_fn>;
    return status::ok();
}

}  // namespace flatnn::ops
