#pragma once
// POW: broadcasting a^b; float32 and int32 (a negative integer exponent is an error, as TFLite).
#include "flatnn/ops/elementwise_binary.hpp"

namespace flatnn::ops {

inline status prepare_pow(node& n) {
    auto& d = n.emplace<binary_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = binary_invoke<float, float, reference::pow_fn>; return status::ok();
        case dtype::int32:
            n.invoke = binary_invoke_checked<int32_t, int32_t, reference::pow_fn, is_negative<int32_t>, negative_power>;
            return status::ok();
        default: return binary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
