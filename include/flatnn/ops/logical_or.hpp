#pragma once
// LOGICAL_OR: broadcasting, bool.
#include "flatnn/ops/elementwise_binary.hpp"

namespace flatnn::ops {

inline status prepare_logical_or(node& n) {
    auto& d = n.emplace<binary_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    if (n.in(0).type != dtype::boolean) return binary_no_kernel(n);
    n.invoke = binary_invoke<bool, bool, reference::logical_or_fn>;
    return status::ok();
}

}  // namespace flatnn::ops
