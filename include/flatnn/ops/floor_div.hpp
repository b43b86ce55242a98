#pragma once
// FLOOR_DIV: broadcasting floor(a / b); float32, int32 and int64 (an integer zero divisor is an error).
#include "flatnn/ops/elementwise_binary.hpp"

namespace flatnn::ops {

template <class Fn>
inline status prepare_integer_division(node& n) {
    auto& d = n.emplace<binary_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = binary_invoke<float, float, Fn>; return status::ok();
        case dtype::int32:
            n.invoke = binary_invoke_checked<int32_t, int32_t, Fn, is_zero<int32_t>, division_by_zero>;
            return status::ok();
        case dtype::int64:
            n.invoke = binary_invoke_checked<int64_t, int64_t, Fn, is_zero<int64_t>, division_by_zero>;
            return status::ok();
        default: return binary_no_kernel(n);
    }
}

inline status prepare_floor_div(node& n) { return prepare_integer_division<reference::floor_div_fn>(n); }

}  // namespace flatnn::ops
