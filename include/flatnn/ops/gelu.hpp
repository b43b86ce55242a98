#pragma once
// GELU (GeluOptions.approximate): float32; int8 and uint8 through the table of the same float function.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/gelu.hpp"

namespace flatnn::ops {

inline status prepare_gelu(node& n) {
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::gelu_options));
    if (option<bool>(n, schema::gelu_options_field::approximate, false))
        return prepare_float_or_lut<reference::gelu_approximate_fn>(n, true, true);
    return prepare_float_or_lut<reference::gelu_fn>(n, true, true);
}

}  // namespace flatnn::ops
