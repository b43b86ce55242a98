#pragma once
// SIGN: -1, 0 or 1; float32 and int32.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_sign(node& n) {
    FLATNN_TRY(prepare_unary(n));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = unary_invoke<float, reference::sign_fn>; return status::ok();
        case dtype::int32: n.invoke = unary_invoke<int32_t, reference::sign_fn>; return status::ok();
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
