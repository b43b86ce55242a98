#pragma once
// RSQRT: 1/sqrt(x); float32, and int8 with TFLite's fixed-point inverse square root (reference/rsqrt.hpp), where a
// negative input is an error.
#include <cmath>

#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"
#include "flatnn/reference/rsqrt.hpp"

namespace flatnn::ops {

inline status prepare_rsqrt(node& n) {
    FLATNN_TRY(prepare_unary(n));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = unary_invoke<float, reference::rsqrt_fn>; return status::ok();
        case dtype::int8:
            FLATNN_TRY(prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
                using T = decltype(tag);
                reference::rsqrt_quant_params q;
                q.input_zero_point = in.zero_point();
                q.output_zero_point = out.zero_point();
                // As TFLite: sqrt and product in float, the reciprocal in double.
                fixed_point::quantize_multiplier(1.0 / double(std::sqrt(in.scale()) * out.scale()), q.multiplier, q.shift);
                reference::fill_table<T>(table, [&](int32_t v) { return reference::rsqrt_quantized<T>(q, v); });
            }));
            n.invoke = unary_invoke_table_nonnegative;
            return status::ok();
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
