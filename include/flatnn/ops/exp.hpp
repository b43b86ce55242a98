#pragma once
// EXP: float32; int8 through the table of exp, int16 (zero points 0) through TFLite's interpolated int16 table of
// exp, as TFLite.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/ops/unary_int16.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_exp(node& n) {
    FLATNN_TRY(prepare_unary(n));
    if (n.in(0).type == dtype::int16) {
        FLATNN_TRY(expect_unary_int16(n, true));
        return prepare_unary_int16_lut(n, reference::exp_fn{});
    }
    return prepare_float_or_lut<reference::exp_fn>(n, true, false);
}

}  // namespace flatnn::ops
