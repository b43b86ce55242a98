#pragma once
// RSQRT: 1/sqrt(x); float32, int8 with TFLite's fixed-point inverse square root (reference/rsqrt.hpp), int16 (zero
// points 0) through TFLite's interpolated int16 table of 1/sqrt, where x <= 0 maps to the largest output value.
// A negative input is an error.
#include <cmath>
#include <string>

#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/ops/unary_int16.hpp"
#include "flatnn/reference/math_unary.hpp"
#include "flatnn/reference/rsqrt.hpp"

namespace flatnn::ops {

inline status rsqrt_invoke_int16(node& n) {
    const int16_t* x = n.in(0).data_as<int16_t>();
    for (int64_t i = 0, count = n.in(0).num_elements(); i < count; ++i)
        if (x[i] < 0) return n.fail("input element " + std::to_string(i) + " is negative: the op is undefined there");
    return unary_int16_invoke_lut(n);
}

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
        case dtype::int16: {
            FLATNN_TRY(expect_unary_int16(n, true));
            const float largest = 32767.0f * n.out(0).scale();
            FLATNN_TRY(prepare_unary_int16_lut(n, [largest](float x) { return x <= 0.0f ? largest : 1.0f / std::sqrt(x); }));
            n.invoke = rsqrt_invoke_int16;
            return status::ok();
        }
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
