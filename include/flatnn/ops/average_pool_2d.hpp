#pragma once
// AVERAGE_POOL_2D: shared pooling checks, then the kernel for the dtype.
#include "flatnn/ops/pool_2d_common.hpp"
#include "flatnn/reference/average_pool_2d.hpp"

namespace flatnn::ops {

struct average_pool_2d_data : node_data {
    reference::pool_2d_params p;
};

inline status average_pool_2d_invoke_float(node& n) {
    reference::average_pool_2d_float(n.get<average_pool_2d_data>().p, view<float>(static_cast<const tensor&>(n.in(0))),
                                     view<float>(n.out(0)));
    return status::ok();
}

template <class T>
inline status average_pool_2d_invoke_quantized(node& n) {
    reference::average_pool_2d_quantized<T>(n.get<average_pool_2d_data>().p, view<T>(static_cast<const tensor&>(n.in(0))),
                                            view<T>(n.out(0)));
    return status::ok();
}

inline status prepare_average_pool_2d(node& n) {
    auto& d = n.emplace<average_pool_2d_data>();
    FLATNN_TRY(prepare_pool_2d(n, d.p));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = average_pool_2d_invoke_float; break;
        case dtype::int8: n.invoke = average_pool_2d_invoke_quantized<int8_t>; break;
        case dtype::int16: n.invoke = average_pool_2d_invoke_quantized<int16_t>; break;
        default: n.invoke = average_pool_2d_invoke_quantized<uint8_t>; break;  // prepare_pool_2d admits only these
    }
    return status::ok();
}

}  // namespace flatnn::ops
