#pragma once
// SQRT: float32; int8 (sqrt of the dequantized value, truncated on the output scale, as TFLite), where a
// negative input is an error.
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_sqrt(node& n) {
    FLATNN_TRY(prepare_unary(n));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = unary_invoke<float, reference::sqrt_fn>; return status::ok();
        case dtype::int8:
            FLATNN_TRY(prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
                using T = decltype(tag);
                reference::fill_table<T>(table, [&](int32_t v) {
                    return reference::sqrt_quantized<T>(in.scale(), in.zero_point(), out.scale(), out.zero_point(), v);
                });
            }));
            n.invoke = unary_invoke_table_nonnegative;
            return status::ok();
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
