#pragma once
// GELU (GeluOptions.approximate): float32; int8 and uint8 through the table of the same float function, int16
// through TFLite's interpolated int16 table of it (any zero points: TFLite checks none).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/ops/unary_int16.hpp"
#include "flatnn/reference/gelu.hpp"

namespace flatnn::ops {

template <class Fn>
inline status prepare_gelu_as(node& n) {
    FLATNN_TRY(prepare_unary(n));
    if (n.in(0).type == dtype::int16) {
        FLATNN_TRY(expect_unary_int16(n, false));
        return prepare_unary_int16_lut(n, Fn{});
    }
    return prepare_float_or_lut<Fn>(n, true, true);
}

inline status prepare_gelu(node& n) {
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::gelu_options));
    if (option<bool>(n, schema::gelu_options_field::approximate, false))
        return prepare_gelu_as<reference::gelu_approximate_fn>(n);
    return prepare_gelu_as<reference::gelu_fn>(n);
}

}  // namespace flatnn::ops
