#pragma once
// LEAKY_RELU (LeakyReluOptions.alpha): float32, int8, uint8 and int16 (zero points 0, as TFLite requires).
#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/ops/unary_int16.hpp"
#include "flatnn/reference/leaky_relu.hpp"

namespace flatnn::ops {

struct leaky_relu_data : node_data {
    float alpha = 0.0f;
};

inline status leaky_relu_invoke_float(node& n) {
    const float alpha = n.get<leaky_relu_data>().alpha;
    reference::unary_map(n.in(0).num_elements(), n.in(0).data_as<float>(), n.out(0).data_as<float>(),
                         [alpha](float x) { return reference::leaky_relu_float(alpha, x); });
    return status::ok();
}

struct leaky_relu_int16_fn {
    reference::leaky_relu_quant_params q;
    int32_t operator()(int32_t v) const noexcept { return reference::leaky_relu_quantized<int16_t>(q, v); }
};

inline status prepare_leaky_relu(node& n) {
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::leaky_relu_options));
    FLATNN_TRY(prepare_unary(n));
    const float alpha = option<float>(n, schema::leaky_relu_options_field::alpha, 0.0f);
    if (n.in(0).type == dtype::float32) {
        n.emplace<leaky_relu_data>().alpha = alpha;
        n.invoke = leaky_relu_invoke_float;
        return status::ok();
    }
    auto params = [alpha](const tensor& in, const tensor& out) {
        reference::leaky_relu_quant_params q;
        q.input_zero_point = in.zero_point();
        q.output_zero_point = out.zero_point();
        // As TFLite: the products in float, widened to double.
        fixed_point::quantize_multiplier(double(in.scale() * alpha / out.scale()), q.alpha_multiplier, q.alpha_shift);
        fixed_point::quantize_multiplier(double(in.scale() / out.scale()), q.identity_multiplier, q.identity_shift);
        return q;
    };
    if (n.in(0).type == dtype::int16) {
        FLATNN_TRY(expect_unary_int16(n, true));
        return prepare_unary_int16_fn(n, leaky_relu_int16_fn{params(n.in(0), n.out(0))});
    }
    return prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
        using T = decltype(tag);
        const reference::leaky_relu_quant_params q = params(in, out);
        reference::fill_table<T>(table, [&](int32_t v) { return reference::leaky_relu_quantized<T>(q, v); });
    });
}

}  // namespace flatnn::ops
