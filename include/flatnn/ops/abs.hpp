#pragma once
// ABS: float32, int32, and quantized int8 and int16 (rescaled when the output scale differs, as TFLite; int16
// needs zero points 0).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/ops/unary_int16.hpp"
#include "flatnn/reference/math_unary.hpp"

namespace flatnn::ops {

inline reference::abs_quant_params abs_params(const tensor& in, const tensor& out) {
    reference::abs_quant_params q;
    q.input_zero_point = in.zero_point();
    q.output_zero_point = out.zero_point();
    q.rescale = in.scale() != out.scale();
    fixed_point::quantize_multiplier(double(in.scale() / out.scale()), q.multiplier, q.shift);
    return q;
}

struct abs_int16_fn {
    reference::abs_quant_params q;
    int32_t operator()(int32_t v) const noexcept { return reference::abs_quantized<int16_t>(q, v); }
};

inline status prepare_abs(node& n) {
    FLATNN_TRY(prepare_unary(n));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = unary_invoke<float, reference::abs_fn>; return status::ok();
        case dtype::int32: n.invoke = unary_invoke<int32_t, reference::abs_fn>; return status::ok();
        case dtype::int8:
            return prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
                using T = decltype(tag);
                const reference::abs_quant_params q = abs_params(in, out);
                reference::fill_table<T>(table, [&](int32_t v) { return reference::abs_quantized<T>(q, v); });
            });
        case dtype::int16:
            // (TFLite also takes an int16 ABS without quantization parameters; 16x8 models never have one.)
            FLATNN_TRY(expect_unary_int16(n, true));
            return prepare_unary_int16_fn(n, abs_int16_fn{abs_params(n.in(0), n.out(0))});
        default: return unary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
