#pragma once
// CONCATENATION: joins N inputs of equal rank and type along one axis (negative allowed). Any fixed-size
// element type is a byte copy; int8 needs every input quantized like the output; uint8 rescales inputs that differ.
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/concatenation.hpp"

namespace flatnn::ops {

struct concatenation_data : node_data {
    std::vector<reference::concat_input> inputs;  // data pointers bound at invoke (the arena may move)
    int64_t outer = 0;
    size_t element_size = 0;
    int32_t out_zero_point = 0;
};

inline status concatenation_invoke(node& n) {
    auto& d = n.get<concatenation_data>();
    for (size_t i = 0; i < d.inputs.size(); ++i) d.inputs[i].data = n.in(i).data;
    reference::concatenation(d.inputs.data(), d.inputs.size(), d.outer, d.element_size, d.out_zero_point,
                             n.out(0).data);
    return status::ok();
}

inline status prepare_concatenation(node& n) {
    namespace f = schema::concatenation_options_field;
    if (n.inputs.empty()) return n.fail("needs at least one input");
    FLATNN_TRY(expect_io(n, n.inputs.size(), n.inputs.size(), 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::concatenation_options));
    const tensor& t0 = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    const int rank = t0.dims.rank();
    if (rank < 1) return n.fail("input 0 is a scalar; concatenation needs rank >= 1");
    const int32_t axis_opt = option<int32_t>(n, f::axis, 0);
    const int axis = axis_opt < 0 ? axis_opt + rank : axis_opt;
    if (axis < 0 || axis >= rank)
        return n.fail("axis " + std::to_string(axis_opt) + " is outside [-" + std::to_string(rank) + ", " +
                      std::to_string(rank) + ") for input rank " + std::to_string(rank));
    const int8_t act = option<int8_t>(n, f::fused_activation_function, 0);
    if (act != 0) return n.fail("fused activation " + std::to_string(act) + " is not allowed (must be NONE)");
    const size_t es = dtype_size(t0.type);
    if (es == 0) return n.fail(std::string("input type ") + dtype_name(t0.type) + " has no kernel");

    auto& d = n.emplace<concatenation_data>();
    d.element_size = es;
    int64_t sum_axis = 0;
    for (size_t i = 0; i < n.inputs.size(); ++i) {
        const tensor& t = n.in(i);
        const std::string role = "input " + std::to_string(i);
        if (t.type != t0.type)
            return n.fail(role + " has type " + dtype_name(t.type) + ", input 0 has " + dtype_name(t0.type));
        if (t.dims.rank() != rank)
            return n.fail(role + " has shape " + t.dims.str() + ", rank differs from input 0 " + t0.dims.str());
        for (int k = 0; k < rank; ++k)
            if (k != axis && t.dims[k] != t0.dims[k])
                return n.fail(role + " shape " + t.dims.str() + " differs from input 0 " + t0.dims.str() +
                              " outside axis " + std::to_string(axis));
        sum_axis += t.dims[axis];
        if (sum_axis > INT32_MAX) return n.fail("output size along axis " + std::to_string(axis) + " overflows int32");
    }
    out.dims = t0.dims;
    out.dims[axis] = int32_t(sum_axis);
    d.outer = t0.dims.flat_size(0, axis);
    const int64_t inner = t0.dims.flat_size(axis + 1, rank);

    const bool quantized = t0.type == dtype::int8 || t0.type == dtype::uint8;  // int16 etc. are plain copies
    if (quantized) FLATNN_TRY(expect_quantized(n, out, "output"));
    d.out_zero_point = quantized ? out.zero_point() : 0;
    d.inputs.resize(n.inputs.size());
    for (size_t i = 0; i < n.inputs.size(); ++i) {
        const tensor& t = n.in(i);
        const std::string role = "input " + std::to_string(i);
        auto& ci = d.inputs[i];
        ci.block = int64_t(t.dims[axis]) * inner;
        if (!quantized) continue;
        FLATNN_TRY(expect_quantized(n, t, role.c_str()));
        const bool same = t.scale() == out.scale() && t.zero_point() == out.zero_point();
        if (same) continue;
        if (t0.type != dtype::uint8)
            return n.fail(role + " quantization (scale " + std::to_string(t.scale()) + ", zero point " +
                          std::to_string(t.zero_point()) + ") differs from the output's; only uint8 inputs may be rescaled");
        ci.rescale = true;
        ci.scale = t.scale() * (1.0f / out.scale());
        ci.bias = float(-t.zero_point()) * ci.scale;
    }
    n.invoke = concatenation_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
