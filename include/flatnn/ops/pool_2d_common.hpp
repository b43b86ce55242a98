#pragma once
// Checks, output shape and parameters shared by AVERAGE_POOL_2D and MAX_POOL_2D (Pool2DOptions).
#include <cmath>
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/pool_2d_common.hpp"

namespace flatnn::ops {

inline status prepare_pool_2d(node& n, reference::pool_2d_params& p) {
    namespace f = schema::pool2d_options_field;
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::pool2d_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(expect_rank(n, in, 4, "input"));
    FLATNN_TRY(output_type_matches_input(n));
    const int8_t padding = option<int8_t>(n, f::padding, 0);
    p.stride_w = option<int32_t>(n, f::stride_w, 0);
    p.stride_h = option<int32_t>(n, f::stride_h, 0);
    p.filter_w = option<int32_t>(n, f::filter_width, 0);
    p.filter_h = option<int32_t>(n, f::filter_height, 0);
    const int8_t act = option<int8_t>(n, f::fused_activation_function, 0);
    FLATNN_TRY(check_activation(n, act));
    padded_dim ph, pw;
    if (padding < 0 || padding > 1 || !compute_padding(padding, in.dims[1], p.filter_h, p.stride_h, 1, ph) ||
        !compute_padding(padding, in.dims[2], p.filter_w, p.stride_w, 1, pw))
        return n.fail("invalid padding " + std::to_string(padding) + ", strides (" + std::to_string(p.stride_h) + "," +
                      std::to_string(p.stride_w) + ") or filter size (" + std::to_string(p.filter_h) + "," +
                      std::to_string(p.filter_w) + "); strides and filter sizes must be positive");
    p.pad_h = ph.pad;
    p.pad_w = pw.pad;
    out.dims = shape{in.dims[0], ph.out, pw.out, in.dims[3]};

    switch (in.type) {
        case dtype::float32:
            float_activation_range(act, p.act_min, p.act_max);
            return status::ok();
        case dtype::int8:
        case dtype::uint8:
        case dtype::int16:
            FLATNN_TRY(expect_quantized(n, in, "input"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            // The kernels work on raw values, so both sides must mean the same thing (TFLite checks the same
            // tolerance).
            if (in.zero_point() != out.zero_point() || std::fabs(in.scale() - out.scale()) > 1e-6f)
                return n.fail("input and output quantization must match (scale " + std::to_string(in.scale()) +
                              " vs " + std::to_string(out.scale()) + ", zero point " +
                              std::to_string(in.zero_point()) + " vs " + std::to_string(out.zero_point()) + ")");
            if (in.type == dtype::int8)
                quantized_activation_range<int8_t>(act, out.scale(), out.zero_point(), p.q_act_min, p.q_act_max);
            else if (in.type == dtype::int16)
                quantized_activation_range<int16_t>(act, out.scale(), out.zero_point(), p.q_act_min, p.q_act_max);
            else
                quantized_activation_range<uint8_t>(act, out.scale(), out.zero_point(), p.q_act_min, p.q_act_max);
            return status::ok();
        default:
            return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
