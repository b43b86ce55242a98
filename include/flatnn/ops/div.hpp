#pragma once
// DIV: broadcasting quotient with fused activation; float32 and int32 (truncating; a zero divisor is an error).
#include <string>

#include "flatnn/ops/elementwise_binary.hpp"

namespace flatnn::ops {

template <class T>
inline status div_invoke_int(node& n) {
    const T* b = n.in(1).data_as<T>();
    for (int64_t i = 0, count = n.in(1).num_elements(); i < count; ++i)
        if (b[i] == 0) return n.fail("division by zero (input 1 element " + std::to_string(i) + ")");
    return clamped_binary_invoke<T, reference::div_fn>(n);
}

inline status prepare_div(node& n) {
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::div_options));
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    const int8_t act = option<int8_t>(n, schema::div_options_field::fused_activation_function, 0);
    switch (n.in(0).type) {
        case dtype::float32:
            FLATNN_TRY(prepare_clamped_binary<float>(n, act));
            n.invoke = clamped_binary_invoke<float, reference::div_fn>;
            return status::ok();
        case dtype::int32:
            FLATNN_TRY(prepare_clamped_binary<int32_t>(n, act));
            n.invoke = div_invoke_int<int32_t>;
            return status::ok();
        default: return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
