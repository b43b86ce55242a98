#pragma once
// NEG: float32, int32, int64, and int8 (the raw value negated, wrapping -128 to -128, as TFLite).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_neg(node& n) {
    FLATNN_TRY(prepare_unary(n));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = unary_invoke<float, reference::neg_fn>; return status::ok();
        case dtype::int32: n.invoke = unary_invoke<int32_t, reference::neg_fn>; return status::ok();
        case dtype::int64: n.invoke = unary_invoke<int64_t, reference::neg_fn>; return status::ok();
        case dtype::int8: n.invoke = unary_invoke<int8_t, reference::neg_fn>; return status::ok();
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
