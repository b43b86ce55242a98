#pragma once
// DEPTHWISE_CONV_2D: checks, output shape and parameters; chooses the reference kernel for the dtype.
#include "flatnn/ops/conv_common.hpp"
#include "flatnn/ops/depthwise_conv_2d_hybrid.hpp"
#include "flatnn/reference/depthwise_conv_2d.hpp"

namespace flatnn::ops {

struct depthwise_conv_2d_data : node_data {
    reference::depthwise_conv_2d_params p;
};

template <class T, class W, class Bias = int32_t>
inline status depthwise_conv_2d_invoke_quantized(node& n) {
    const auto& d = n.get<depthwise_conv_2d_data>();
    reference::depthwise_conv_2d_quantized<T, W, Bias>(d.p, view<T>(static_cast<const tensor&>(n.in(0))),
                                                       view<W>(static_cast<const tensor&>(n.in(1))),
                                                       n.has_input(2) ? n.in(2).data_as<Bias>() : nullptr, view<T>(n.out(0)));
    return status::ok();
}

inline status depthwise_conv_2d_invoke_float(node& n) {
    const auto& d = n.get<depthwise_conv_2d_data>();
    reference::depthwise_conv_2d_float(d.p, view<float>(static_cast<const tensor&>(n.in(0))),
                                       view<float>(static_cast<const tensor&>(n.in(1))),
                                       n.has_input(2) ? n.in(2).data_as<float>() : nullptr, view<float>(n.out(0)));
    return status::ok();
}

inline status prepare_depthwise_conv_2d(node& n) {
    namespace f = schema::depthwise_conv2d_options_field;
    FLATNN_TRY(expect_io(n, 2, 3, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::depthwise_conv2d_options));
    const tensor& in = n.in(0);
    const tensor& w = n.in(1);
    tensor& out = n.out(0);
    FLATNN_TRY(expect_rank(n, in, 4, "input"));
    FLATNN_TRY(expect_rank(n, w, 4, "filter"));
    FLATNN_TRY(output_type_matches_input(n));
    const int32_t C = in.dims[3], OC = w.dims[3];
    // The multiplier comes from the shapes; the options field is redundant and ignored, as TFLite does.
    if (w.dims[0] != 1 || C <= 0 || OC <= 0 || OC % C != 0)
        return n.fail("filter " + w.dims.str() + " does not fit input " + in.dims.str() +
                      " (expected [1, KH, KW, C*M] with C the input channels)");
    const tensor* bias = n.has_input(2) ? &n.in(2) : nullptr;
    if (bias && bias->num_elements() != OC)
        return n.fail("bias has " + std::to_string(bias->num_elements()) + " elements for " + std::to_string(OC) +
                      " output channels");

    auto& d = n.emplace<depthwise_conv_2d_data>();
    auto& p = d.p;
    p.depth_multiplier = OC / C;
    const int8_t padding = option<int8_t>(n, f::padding, 0);
    p.stride_w = option<int32_t>(n, f::stride_w, 0);
    p.stride_h = option<int32_t>(n, f::stride_h, 0);
    p.dilation_w = option<int32_t>(n, f::dilation_w_factor, 1);
    p.dilation_h = option<int32_t>(n, f::dilation_h_factor, 1);
    const int8_t act = option<int8_t>(n, f::fused_activation_function, 0);
    FLATNN_TRY(check_activation(n, act));
    padded_dim ph, pw;
    if (padding < 0 || padding > 1 || !compute_padding(padding, in.dims[1], w.dims[1], p.stride_h, p.dilation_h, ph) ||
        !compute_padding(padding, in.dims[2], w.dims[2], p.stride_w, p.dilation_w, pw))
        return n.fail("invalid padding " + std::to_string(padding) + ", strides (" + std::to_string(p.stride_h) + "," +
                      std::to_string(p.stride_w) + ") or dilations (" + std::to_string(p.dilation_h) + "," +
                      std::to_string(p.dilation_w) + ")");
    p.pad_h = ph.pad;
    p.pad_w = pw.pad;
    out.dims = shape{in.dims[0], ph.out, pw.out, OC};

    switch (in.type) {
        case dtype::float32:
            if (w.type == dtype::int8) return prepare_depthwise_conv_2d_hybrid(n, p, act);
            FLATNN_TRY(expect_type(n, w, dtype::float32, "filter"));
            if (bias) FLATNN_TRY(expect_type(n, *bias, dtype::float32, "bias"));
            float_activation_range(act, p.act_min, p.act_max);
            n.invoke = depthwise_conv_2d_invoke_float;
            return status::ok();
        case dtype::int8:
            FLATNN_TRY(expect_type(n, w, dtype::int8, "filter"));
            if (w.quantized() && w.quant->per_channel() && w.quant->axis != 3)
                return n.fail("filter per-channel quantization must be on dimension 3, the model gives " +
                              std::to_string(w.quant->axis));
            FLATNN_TRY(setup_conv_quant<int8_t>(n, in, w, bias, out, OC, act, p.q));
            n.invoke = depthwise_conv_2d_invoke_quantized<int8_t, int8_t>;
            return status::ok();
        case dtype::int16:
            FLATNN_TRY(check_int16_activations(n, in, w, out));
            if (w.quantized() && w.quant->per_channel() && w.quant->axis != 3)
                return n.fail("filter per-channel quantization must be on dimension 3, the model gives " +
                              std::to_string(w.quant->axis));
            FLATNN_TRY(setup_conv_quant<int16_t>(n, in, w, bias, out, OC, act, p.q));
            n.invoke = bias && bias->type == dtype::int64 ? depthwise_conv_2d_invoke_quantized<int16_t, int8_t, int64_t>
                                                           : depthwise_conv_2d_invoke_quantized<int16_t, int8_t, int32_t>;
            return status::ok();
        case dtype::uint8:
            FLATNN_TRY(expect_type(n, w, dtype::uint8, "filter"));
            FLATNN_TRY(setup_conv_quant<uint8_t>(n, in, w, bias, out, OC, act, p.q));
            n.invoke = depthwise_conv_2d_invoke_quantized<uint8_t, uint8_t>;
            return status::ok();
        default:
            return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
