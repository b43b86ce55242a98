#pragma once
// RELU: max(x, 0); float32, int8, uint8 and int16. prepare_relu_family also serves RELU6, RELU_N1_TO_1 and
// RELU_0_TO_1: the quantized forms rescale to the output scale (TFLite's ReluX) and clamp to the quantized bounds.
// TFLite has int16 kernels (zero points 0) for RELU and RELU6 only.
#include <cmath>
#include <limits>

#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/ops/unary_int16.hpp"
#include "flatnn/reference/relu.hpp"

namespace flatnn::ops {

template <class T>
inline reference::relu_quant_params relu_params(const tensor& in, const tensor& out, float lo, float hi) {
    reference::relu_quant_params q;
    q.input_zero_point = in.zero_point();
    q.output_zero_point = out.zero_point();
    // TFLite divides in float, then widens.
    fixed_point::quantize_multiplier(double(in.scale() / out.scale()), q.multiplier, q.shift);
    auto bound = [&](float v) {
        return fixed_point::saturate_to_int32(double(fixed_point::round_half_away(v / out.scale())) + out.zero_point());
    };
    q.act_min = std::max(qlimits<T>::min, bound(lo));
    q.act_max = std::isinf(hi) ? qlimits<T>::max : std::min(qlimits<T>::max, bound(hi));
    return q;
}

struct relu_int16_fn {
    reference::relu_quant_params q;
    int32_t operator()(int32_t v) const noexcept { return reference::relu_x_quantized(q, v); }
};

// lo/hi: the real clamp bounds; hi may be +infinity (no upper bound). int16_ok: TFLite has an int16 kernel.
template <class Fn>
inline status prepare_relu_family(node& n, float lo, float hi, bool int16_ok = false) {
    FLATNN_TRY(prepare_unary(n));
    if (n.in(0).type == dtype::float32) {
        n.invoke = unary_invoke<float, Fn>;
        return status::ok();
    }
    if (n.in(0).type == dtype::int16 && int16_ok) {
        FLATNN_TRY(expect_unary_int16(n, true));
        return prepare_unary_int16_fn(n, relu_int16_fn{relu_params<int16_t>(n.in(0), n.out(0), lo, hi)});
    }
    return prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
        using T = decltype(tag);
        const reference::relu_quant_params q = relu_params<T>(in, out, lo, hi);
        reference::fill_table<T>(table, [&](int32_t v) { return reference::relu_x_quantized(q, v); });
    });
}

inline status prepare_relu(node& n) {
    return prepare_relu_family<reference::relu_fn>(n, 0.0f, std::numeric_limits<float>::infinity(), true);
}

}  // namespace flatnn::ops
