#pragma once
// SOFTMAX over the last axis: float32, int8 and uint8 (output of the input's type), int16 (16x8).
#include <cmath>
#include <memory>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/softmax.hpp"
#include "flatnn/reference/softmax_int16.hpp"

namespace flatnn::ops {

struct softmax_data : node_data {
    float beta = 1.0f;
    int64_t rows = 0;
    int32_t depth = 0;
    reference::softmax_quant_params q;
    std::unique_ptr<reference::softmax_int16_params> q16;  // int16: two 513-entry tables
};

inline status softmax_invoke_float(node& n) {
    const auto& d = n.get<softmax_data>();
    reference::softmax_float(d.beta, d.rows, d.depth, n.in(0).data_as<float>(), n.out(0).data_as<float>());
    return status::ok();
}

template <class T>
inline status softmax_invoke_quantized(node& n) {
    const auto& d = n.get<softmax_data>();
    reference::softmax_quantized<T>(d.q, d.rows, d.depth, n.in(0).data_as<T>(), n.out(0).data_as<T>());
    return status::ok();
}

inline status softmax_invoke_int16(node& n) {
    const auto& d = n.get<softmax_data>();
    reference::softmax_int16(*d.q16, d.rows, d.depth, n.in(0).data_as<int16_t>(), n.out(0).data_as<int16_t>());
    return status::ok();
}

inline status prepare_softmax(node& n) {
    namespace f = schema::softmax_options_field;
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::softmax_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    if (in.dims.rank() < 1) return n.fail("input must have rank >= 1, it is a scalar");
    auto& d = n.emplace<softmax_data>();
    d.beta = option<float>(n, f::beta, 0.0f);
    d.depth = in.dims[in.dims.rank() - 1];
    d.rows = in.dims.flat_size(0, in.dims.rank() - 1);
    out.dims = in.dims;
    switch (in.type) {
        case dtype::float32:
            n.invoke = softmax_invoke_float;
            return status::ok();
        case dtype::int8:
        case dtype::uint8:
            FLATNN_TRY(expect_quantized(n, in, "input"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            // As TFLite: int8 output is fixed at 1/256, -128. A uint8 output scale other than 1/256 is accepted
            // and follows TFLite's optimized (default) kernel; its reference kernel assumes 1/256 and differs.
            if (in.type == dtype::int8 &&
                (out.zero_point() != -128 || !(std::fabs(out.scale() - 1.0f / 256) <= 0.001f / 256)))
                return n.fail("int8 output must have scale 1/256 and zero point -128, it has scale " +
                              std::to_string(out.scale()) + " and zero point " + std::to_string(out.zero_point()));
            reference::softmax_fill_table(in.scale(), d.beta, d.q.table);
            d.q.output_scale = out.scale();
            d.q.output_zero_point = out.zero_point();
            n.invoke = in.type == dtype::int8 ? softmax_invoke_quantized<int8_t> : softmax_invoke_quantized<uint8_t>;
            return status::ok();
        case dtype::int16:
            FLATNN_TRY(expect_quantized(n, in, "input"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            if (in.zero_point() != 0 || out.zero_point() != 0 || !(std::fabs(out.scale() - 1.0f / 32768) <= 0.001f / 32768))
                return n.fail("int16 input needs zero point 0 and the output scale 2^-15 with zero point 0 (input zero point " +
                              std::to_string(in.zero_point()) + ", output scale " + std::to_string(out.scale()) +
                              ", zero point " + std::to_string(out.zero_point()) + ")");
            // The Q0.15 exps of a row are summed in int32.
            if (d.depth > 65536) return n.fail("int16 rows of " + std::to_string(d.depth) + " values (at most 65536)");
            d.q16 = std::make_unique<reference::softmax_int16_params>();
            reference::softmax_int16_prepare(in.scale(), d.beta, *d.q16);
            n.invoke = softmax_invoke_int16;
            return status::ok();
        default:
            return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
