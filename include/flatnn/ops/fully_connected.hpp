#pragma once
// FULLY_CONNECTED: checks, output shape (keep_num_dims) and parameters; chooses the reference kernel.
#include "flatnn/ops/conv_common.hpp"
#include "flatnn/ops/fully_connected_hybrid.hpp"
#include "flatnn/reference/fully_connected.hpp"

namespace flatnn::ops {

struct fully_connected_data : node_data {
    reference::fully_connected_params p;
};

template <class T, class W, class Bias = int32_t>
inline status fully_connected_invoke_quantized(node& n) {
    const auto& d = n.get<fully_connected_data>();
    reference::fully_connected_quantized<T, W, Bias>(d.p, n.in(0).data_as<T>(), n.in(1).data_as<W>(),
                                               n.has_input(2) ? n.in(2).data_as<Bias>() : nullptr,
                                               n.out(0).data_as<T>());
    return status::ok();
}

inline status fully_connected_invoke_float(node& n) {
    const auto& d = n.get<fully_connected_data>();
    reference::fully_connected_float(d.p, n.in(0).data_as<float>(), n.in(1).data_as<float>(),
                                     n.has_input(2) ? n.in(2).data_as<float>() : nullptr, n.out(0).data_as<float>());
    return status::ok();
}

// TFLite's reference kernels (int8 per tensor and per channel, uint8) all rescale by s_in * s_w / s_out formed
// in double precision, whatever multiplier its prepare step computes.
inline void fully_connected_scales(const tensor& in, const tensor& w, const tensor& out, int32_t units,
                                   reference::fully_connected_params& p) {
    p.scale.resize(size_t(units));
    for (int32_t o = 0; o < units; ++o) p.scale[size_t(o)] = conv_effective_scale(in, w, out, o);
}

inline status prepare_fully_connected(node& n) {
    namespace f = schema::fully_connected_options_field;
    FLATNN_TRY(expect_io(n, 2, 3, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::fully_connected_options));
    const tensor& in = n.in(0);
    const tensor& w = n.in(1);
    tensor& out = n.out(0);
    FLATNN_TRY(expect_rank(n, w, 2, "weights"));
    if (option<int8_t>(n, f::weights_format, 0) != 0)
        return n.fail("weights_format " + std::to_string(option<int8_t>(n, f::weights_format, 0)) +
                      " (shuffled) is not supported, only DEFAULT (0)");
    FLATNN_TRY(output_type_matches_input(n));
    const int32_t O = w.dims[0], K = w.dims[1];
    const int64_t numel = in.num_elements();
    if (in.dims.rank() < 1 || K <= 0 || numel % K != 0)
        return n.fail("input " + in.dims.str() + " cannot be flattened to rows of " + std::to_string(K) +
                      " (weights " + w.dims.str() + ")");
    const tensor* bias = n.has_input(2) ? &n.in(2) : nullptr;
    if (bias && bias->num_elements() != O)
        return n.fail("bias has " + std::to_string(bias->num_elements()) + " elements for " + std::to_string(O) + " units");

    FLATNN_TRY(check_scratch(n, uint64_t(O < 0 ? 0 : O), sizeof(double), "per-unit scales"));
    auto& d = n.emplace<fully_connected_data>();
    auto& p = d.p;
    p.batches = int32_t(numel / K);
    p.input_size = K;
    p.units = O;
    const int8_t act = option<int8_t>(n, f::fused_activation_function, 0);
    FLATNN_TRY(check_activation(n, act));
    if (option<bool>(n, f::keep_num_dims, false)) {
        if (in.dims[in.dims.rank() - 1] != K)
            return n.fail("keep_num_dims needs the input's last dimension (" + in.dims.str() + ") to equal the weights' " +
                          std::to_string(K));
        shape s = in.dims;
        s[s.rank() - 1] = O;
        out.dims = s;
    } else {
        out.dims = shape{p.batches, O};
    }

    switch (in.type) {
        case dtype::float32:
            if (w.type == dtype::int8)
                return prepare_fully_connected_hybrid(n, p.batches, K, O, act,
                                                      option<bool>(n, f::asymmetric_quantize_inputs, false));
            if (w.type != dtype::float32)
                return n.fail(std::string("weights of type ") + dtype_name(w.type) +
                              " with a float32 input (hybrid) are not supported");
            if (bias) FLATNN_TRY(expect_type(n, *bias, dtype::float32, "bias"));
            float_activation_range(act, p.act_min, p.act_max);
            n.invoke = fully_connected_invoke_float;
            return status::ok();
        case dtype::int8:
            FLATNN_TRY(expect_type(n, w, dtype::int8, "weights"));
            if (w.quantized() && w.quant->per_channel() && w.quant->axis != 0)
                return n.fail("weights per-channel quantization must be on dimension 0, the model gives " +
                              std::to_string(w.quant->axis));
            FLATNN_TRY(setup_conv_quant<int8_t>(n, in, w, bias, out, O, act, p.q));
            fully_connected_scales(in, w, out, O, p);
            n.invoke = fully_connected_invoke_quantized<int8_t, int8_t>;
            return status::ok();
        case dtype::int16:
            FLATNN_TRY(check_int16_activations(n, in, w, out));
            if (w.quantized() && w.quant->per_channel() && w.quant->axis != 0)
                return n.fail("weights per-channel quantization must be on dimension 0, the model gives " +
                              std::to_string(w.quant->axis));
            FLATNN_TRY(setup_conv_quant<int16_t>(n, in, w, bias, out, O, act, p.q));
            fully_connected_scales(in, w, out, O, p);
            n.invoke = bias && bias->type == dtype::int64 ? fully_connected_invoke_quantized<int16_t, int8_t, int64_t>
                                                          : fully_connected_invoke_quantized<int16_t, int8_t, int32_t>;
            return status::ok();
        case dtype::uint8:
            FLATNN_TRY(expect_type(n, w, dtype::uint8, "weights"));
            FLATNN_TRY(setup_conv_quant<uint8_t>(n, in, w, bias, out, O, act, p.q));
            fully_connected_scales(in, w, out, O, p);
            n.invoke = fully_connected_invoke_quantized<uint8_t, uint8_t>;
            return status::ok();
        default:
            return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
