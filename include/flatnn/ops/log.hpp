#pragma once
// LOG: float32; int8 through the table of log, int16 (zero points 0) through TFLite's interpolated int16 table of
// it; inputs <= 0 give the lowest output value (as TFLite).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/ops/unary_int16.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_log(node& n) {
    FLATNN_TRY(prepare_unary(n));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = unary_invoke<float, reference::log_fn>; return status::ok();
        case dtype::int8: {
            const float lowest = float(-128 - n.out(0).zero_point()) * n.out(0).scale();
            return prepare_unary_lut(n, [lowest](float x) { return reference::log_or_lowest(x, lowest); });
        }
        case dtype::int16: {
            FLATNN_TRY(expect_unary_int16(n, true));
            const float lowest = float(-32768 - n.out(0).zero_point()) * n.out(0).scale();
            return prepare_unary_int16_lut(n, [lowest](float x) { return reference::log_or_lowest(x, lowest); });
        }
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
