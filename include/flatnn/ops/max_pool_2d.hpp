#pragma once
// MAX_POOL_2D: shared pooling checks, then the kernel for the dtype.
#include "flatnn/ops/pool_2d_common.hpp"
#include "flatnn/reference/max_pool_2d.hpp"

namespace flatnn::ops {

struct max_pool_2d_data : node_data {
    reference::pool_2d_params p;
};

template <class T>
inline status max_pool_2d_invoke(node& n) {
    reference::max_pool_2d<T>(n.get<max_pool_2d_data>().p, view<T>(static_cast<const tensor&>(n.in(0))), view<T>(n.out(0)));
    return status::ok();
}

inline status prepare_max_pool_2d(node& n) {
    auto& d = n.emplace<max_pool_2d_data>();
    FLATNN_TRY(prepare_pool_2d(n, d.p));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = max_pool_2d_invoke<float>; break;
        case dtype::int8: n.invoke = max_pool_2d_invoke<int8_t>; break;
        case dtype::int16: n.invoke = max_pool_2d_invoke<int16_t>; break;
        default: n.invoke = max_pool_2d_invoke<uint8_t>; break;  // prepare_pool_2d admits only these
    }
    return status::ok();
}

}  // namespace flatnn::ops
