#pragma once
// BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND, with constant block_shape (input 1) and crops (input 2).
// A byte copy for any element type.
#include "flatnn/ops/space_to_batch_nd.hpp"

namespace flatnn::ops {

inline status batch_to_space_nd_invoke(node& n) {
    reference::batch_to_space_nd(n.get<batch_space_data>().p, n.in(0).data, n.out(0).data);
    return status::ok();
}

inline status prepare_batch_to_space_nd(node& n) {
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::batch_to_space_nd_options));
    auto& p = n.emplace<batch_space_data>().p;
    FLATNN_TRY(prepare_batch_space(n, false, p));
    n.invoke = batch_to_space_nd_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
