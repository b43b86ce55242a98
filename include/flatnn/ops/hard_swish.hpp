#pragma once
// HARD_SWISH: x * relu6(x + 3) / 6; float32, int8 and uint8 (parameters as TFLite's HardSwishPrepare).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/hard_swish.hpp"

namespace flatnn::ops {

// A Q31 multiplier rounded to Q15, saturating at the top.
inline int16_t hard_swish_q15(int32_t m) {
    if (m >= std::numeric_limits<int32_t>::max() - (1 << 15)) return std::numeric_limits<int16_t>::max();
    return int16_t((m + (1 << 15)) >> 16);
}

inline status prepare_hard_swish(node& n) {
    FLATNN_TRY(prepare_unary(n));
    if (n.in(0).type == dtype::float32) {
        n.invoke = unary_invoke<float, reference::hard_swish_fn>;
        return status::ok();
    }
    reference::hard_swish_quant_params q;
    if (is_quantized_type(n.in(0).type) && n.in(0).quantized() && n.out(0).quantized()) {
        const float hires_scale = (1.0f / 128.0f) * n.in(0).scale();
        const float reluish_scale = 3.0f / 32768.0f;
        int32_t m = 0;
        fixed_point::quantize_multiplier(double(hires_scale / n.out(0).scale()), m, q.output_exponent);
        q.output_multiplier = hard_swish_q15(m);
        if (q.output_exponent > 0)
            return n.fail("output scale is too small for the input scale (input scale / 128 / output scale >= 1)");
        fixed_point::quantize_multiplier(double(hires_scale / reluish_scale), m, q.reluish_exponent);
        q.reluish_multiplier = hard_swish_q15(m);
    }
    return prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
        using T = decltype(tag);
        q.input_zero_point = in.zero_point();
        q.output_zero_point = out.zero_point();
        reference::fill_table<T>(table, [&](int32_t v) { return reference::hard_swish_quantized<T>(q, v); });
    });
}

}  // namespace flatnn::ops
