#pragma once
// REDUCE_ANY over constant axes (ops/reduce.hpp): logical or; bool.
#include "flatnn/ops/reduce.hpp"

namespace flatnn::ops {

inline status prepare_reduce_any(node& n) {
    auto& d = n.emplace<reduce_data>();
    FLATNN_TRY(prepare_reduce_axes(n, d.p));
    FLATNN_TRY(output_type_matches_input(n));
    if (n.in(0).type != dtype::boolean)
        return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
    n.invoke = reduce_invoke<bool, reference::reduce_any_fn>;
    return status::ok();
}

}  // namespace flatnn::ops
