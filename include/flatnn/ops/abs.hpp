#pragma once
// ABS: float32, int32, and int8 (rescaled when the output scale differs, as TFLite).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status prepare_abs(node& n) {
    FLATNN_TRY(prepare_unary(n));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = unary_invoke<float, reference::abs_fn>; return status::ok();
        case dtype::int32: n.invoke = unary_invoke<int32_t, reference::abs_fn>; return status::ok();
        case dtype::int8:
            return prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
                using T = decltype(tag);
                reference::abs_quant_params q;
                q.input_zero_point = in.zero_point();
                q.output_zero_point = out.zero_point();
                q.rescale = in.scale() != out.scale();
                fixed_point::quantize_multiplier(double(in.scale() / out.scale()), q.multiplier, q.shift);
                reference::fill_table<T>(table, [&](int32_t v) { return reference::abs_quantized<T>(q, v); });
            });
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
