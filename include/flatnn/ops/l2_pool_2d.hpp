#pragma once
// L2_POOL_2D: shared pooling checks (Pool2DOptions); float32 only, as in TensorFlow Lite.
#include "flatnn/ops/pool_2d_common.hpp"
#include "flatnn/reference/l2_pool_2d.hpp"

namespace flatnn::ops {

struct l2_pool_2d_data : node_data {
    reference::pool_2d_params p;
};

inline status l2_pool_2d_invoke(node& n) {
    reference::l2_pool_2d(n.get<l2_pool_2d_data>().p, view<float>(static_cast<const tensor&>(n.in(0))), view<float>(n.out(0)));
    return status::ok();
}

inline status prepare_l2_pool_2d(node& n) {
    if (n.inputs.size() == 1 && n.inputs[0] && n.in(0).type != dtype::float32)
        return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel (float32 only)");
    auto& d = n.emplace<l2_pool_2d_data>();
    FLATNN_TRY(prepare_pool_2d(n, d.p));
    n.invoke = l2_pool_2d_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
