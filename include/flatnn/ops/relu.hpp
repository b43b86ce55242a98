#pragma once
// RELU: max(x, 0); float32, int8 and uint8. prepare_relu_family also serves RELU6, RELU_N1_TO_1 and RELU_0_TO_1:
// the quantized forms rescale to the output scale (TFLite's ReluX) and clamp to the quantized bounds.
#include <cmath>
#include <limits>

#include "flatnn/ops/elementwise_unary.hpp"
#include "flatnn/reference/relu.hpp"

namespace flatnn::ops {

// lo/hi: the real clamp bounds; hi may be +infinity (no upper bound).
template <class Fn>
inline status prepare_relu_family(node& n, float lo, float hi) {
    FLATNN_TRY(prepare_unary(n));
    if (n.in(0).type == dtype::float32) {
        n.invoke = unary_invoke<float, Fn>;
        return status::ok();
    }
    return prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
        using T = decltype(tag);
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
        reference::fill_table<T>(table, [&](int32_t v) { return reference::relu_x_quantized(q, v); });
    });
}

inline status prepare_relu(node& n) {
    return prepare_relu_family<reference::relu_fn>(n, 0.0f, std::numeric_limits<float>::infinity());
}

}  // namespace flatnn::ops
