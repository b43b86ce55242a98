#pragma once
// SQRT: float32; int8 (sqrt of the dequantized value, truncated on the output scale, as TFLite), where a
// negative input is an error.
#include <string>

#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline status sqrt_invoke_int8(node& n) {
    const int8_t zp = int8_t(n.in(0).zero_point());
    const int8_t* x = n.in(0).data_as<int8_t>();
    for (int64_t i = 0, count = n.in(0).num_elements(); i < count; ++i)
        if (x[i] < zp) return n.fail("input element " + std::to_string(i) + " is negative: SQRT is undefined there");
    return unary_invoke_table(n);
}

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
            n.invoke = sqrt_invoke_int8;
            return status::ok();
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
