#pragma once
// TRANSPOSE_CONV: input 0 is the constant output shape (int32 [4]), input 1 the OHWI filter, input 2 the NHWC
// input, input 3 the optional bias. float32; int8 with per-channel (or per-tensor) symmetric filters; uint8 with a
// per-tensor filter zero point; int16 with int8 filters (16x8: zero points 0, int64 or int32 accumulator);
// hybrid float32 input with an int8 filter (transpose_conv_hybrid.hpp). Padding as CONV_2D computed on the output size (tflite-format.md §7.2).
#include <type_traits>

#include "flatnn/ops/conv_common.hpp"
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/ops/transpose_conv_hybrid.hpp"
#include "flatnn/reference/transpose_conv.hpp"

namespace flatnn::ops {

struct transpose_conv_data : node_data {
    reference::transpose_conv_params p;
    conv_quant_params q;
    std::vector<int32_t> scratch;
    std::vector<int64_t> scratch64;  // 16x8 with int64 accumulators
};

inline status transpose_conv_invoke_float(node& n) {
    const auto& d = n.get<transpose_conv_data>();
    reference::transpose_conv_float(d.p, n.in(2).dims, n.in(2).data_as<float>(), n.in(1).dims, n.in(1).data_as<float>(),
                                    n.has_input(3) ? n.in(3).data_as<float>() : nullptr, n.out(0).dims,
                                    n.out(0).data_as<float>());
    return status::ok();
}

template <class T, class W = T, class Acc = int32_t>
inline status transpose_conv_invoke_quantized(node& n) {
    auto& d = n.get<transpose_conv_data>();
    Acc* scratch = nullptr;
    if constexpr (std::is_same_v<Acc, int64_t>) scratch = d.scratch64.data();
    else scratch = d.scratch.data();
    reference::transpose_conv_quantized<T, W, Acc>(d.p, n.in(2).dims, n.in(2).data_as<T>(), n.in(1).dims,
                                                   n.in(1).data_as<W>(), n.has_input(3) ? n.in(3).data_as<Acc>() : nullptr,
                                                   n.out(0).dims, scratch, n.out(0).data_as<T>());
    return status::ok();
}

// TFLite's 16x8 TRANSPOSE_CONV accumulates in the options' quantized_bias_type (INT32 or INT64), INT64 when the
// options leave it unset; a bias must have that type.
inline status int16_transpose_conv_accumulator(const node& n, const tensor* bias, dtype& acc) {
    const int8_t option_type = option<int8_t>(n, schema::transpose_conv_options_field::quantized_bias_type, 0);
    if (option_type != 0 && option_type != int8_t(dtype::int32) && option_type != int8_t(dtype::int64))
        return n.fail("quantized_bias_type " + std::to_string(option_type) + " must be INT32 or INT64 for int16 input");
    acc = option_type == int8_t(dtype::int32) ? dtype::int32 : dtype::int64;
    if (bias && bias->type != acc)
        return n.fail(std::string("bias has type ") + dtype_name(bias->type) + ", the accumulator (quantized_bias_type) is " +
                      dtype_name(acc));
    return status::ok();
}

inline status prepare_transpose_conv(node& n) {
    namespace f = schema::transpose_conv_options_field;
    FLATNN_TRY(expect_io(n, 3, 4, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::transpose_conv_options));
    const tensor& w = n.in(1);
    const tensor& in = n.in(2);
    tensor& out = n.out(0);
    FLATNN_TRY(expect_rank(n, in, 4, "input"));
    FLATNN_TRY(expect_rank(n, w, 4, "filter"));
    FLATNN_TRY(output_type_matches_input(n, 2, 0));
    std::vector<int64_t> os;
    FLATNN_TRY(read_const_ints(n, n.in(0), "output_shape (input 0)", os));
    if (os.size() != 4) return n.fail("output_shape (input 0) has " + std::to_string(os.size()) + " entries, expected 4");
    for (size_t k = 0; k < 4; ++k)
        if (os[k] <= 0 || os[k] > (1 << 24)) return n.fail("output_shape[" + std::to_string(k) + "] = " + std::to_string(os[k]) + " is invalid");
    if (os[0] != in.dims[0] || os[3] != w.dims[0] || w.dims[3] != in.dims[3])
        return n.fail("shapes disagree: output_shape batch/channels must match the input batch " + in.dims.str() +
                      " and filter outputs " + w.dims.str() + ", and filter input channels the input's");
    out.dims = shape{int32_t(os[0]), int32_t(os[1]), int32_t(os[2]), int32_t(os[3])};
    const tensor* bias = n.has_input(3) ? &n.in(3) : nullptr;
    if (bias && bias->num_elements() != w.dims[0])
        return n.fail("bias has " + std::to_string(bias->num_elements()) + " elements for " + std::to_string(w.dims[0]) + " output channels");

    auto& d = n.emplace<transpose_conv_data>();
    auto& p = d.p;
    const int8_t padding = option<int8_t>(n, f::padding, 0);
    p.stride_h = option<int32_t>(n, f::stride_h, 0);
    p.stride_w = option<int32_t>(n, f::stride_w, 0);
    padded_dim ph, pw;
    if (padding < 0 || padding > 1 || !compute_padding(padding, out.dims[1], w.dims[1], p.stride_h, 1, ph) ||
        !compute_padding(padding, out.dims[2], w.dims[2], p.stride_w, 1, pw))
        return n.fail("invalid padding " + std::to_string(padding) + " or strides (" + std::to_string(p.stride_h) + "," +
                      std::to_string(p.stride_w) + ")");
    // The kernel computes output positions (input position) * stride + (filter position) in int32.
    if (int64_t(in.dims[1]) * p.stride_h + w.dims[1] > INT32_MAX || int64_t(in.dims[2]) * p.stride_w + w.dims[2] > INT32_MAX)
        return n.fail("strides (" + std::to_string(p.stride_h) + "," + std::to_string(p.stride_w) +
                      ") put output positions beyond int32 for input " + in.dims.str());
    p.pad_h = ph.pad;
    p.pad_w = pw.pad;
    const int8_t act = option<int8_t>(n, f::fused_activation_function, 0);
    FLATNN_TRY(check_activation(n, act));
    switch (in.type) {
        case dtype::float32:
            if (w.type == dtype::int8) return prepare_transpose_conv_hybrid(n, p, act);
            FLATNN_TRY(expect_type(n, w, dtype::float32, "filter"));
            if (bias) FLATNN_TRY(expect_type(n, *bias, dtype::float32, "bias"));
            float_activation_range(act, p.act_min, p.act_max);
            n.invoke = transpose_conv_invoke_float;
            return status::ok();
        case dtype::int8:
        case dtype::uint8: {
            FLATNN_TRY(expect_type(n, w, in.type, "filter"));
            if (w.quantized() && w.quant->per_channel() && w.quant->axis != 0)
                return n.fail("filter per-channel quantization must be on dimension 0, the model gives " +
                              std::to_string(w.quant->axis));
            if (in.type == dtype::int8)
                FLATNN_TRY(setup_conv_quant<int8_t>(n, in, w, bias, out, w.dims[0], act, d.q));
            else
                FLATNN_TRY(setup_conv_quant<uint8_t>(n, in, w, bias, out, w.dims[0], act, d.q));
            FLATNN_TRY(check_scratch(n, uint64_t(out.num_elements()), sizeof(int32_t), "accumulator"));
            d.scratch.resize(size_t(out.num_elements()));
            p.input_offset = d.q.input_offset;
            p.filter_offset = d.q.filter_offset;
            p.output_zero_point = d.q.output_zero_point;
            p.q_min = d.q.act_min;
            p.q_max = d.q.act_max;
            p.multiplier = d.q.multiplier.data();
            p.shift = d.q.shift.data();
            n.invoke = in.type == dtype::int8 ? transpose_conv_invoke_quantized<int8_t> : transpose_conv_invoke_quantized<uint8_t>;
            return status::ok();
        }
        case dtype::int16: {
            FLATNN_TRY(check_int16_activations(n, in, w, out));
            if (w.quantized() && w.quant->per_channel() && w.quant->axis != 0)
                return n.fail("filter per-channel quantization must be on dimension 0, the model gives " +
                              std::to_string(w.quant->axis));
            dtype acc = dtype::int64;
            FLATNN_TRY(int16_transpose_conv_accumulator(n, bias, acc));
            FLATNN_TRY(setup_conv_quant<int16_t>(n, in, w, bias, out, w.dims[0], act, d.q));
            FLATNN_TRY(check_scratch(n, uint64_t(out.num_elements()), acc == dtype::int64 ? 8 : 4, "accumulator"));
            if (acc == dtype::int64) d.scratch64.resize(size_t(out.num_elements()));
            else d.scratch.resize(size_t(out.num_elements()));
            p.input_offset = 0, p.filter_offset = 0, p.output_zero_point = 0;
            p.q_min = d.q.act_min;
            p.q_max = d.q.act_max;
            p.multiplier = d.q.multiplier.data();
            p.shift = d.q.shift.data();
            n.invoke = acc == dtype::int64 ? transpose_conv_invoke_quantized<int16_t, int8_t, int64_t>
                                           : transpose_conv_invoke_quantized<int16_t, int8_t, int32_t>;
            return status::ok();
        }
        default:
            return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
