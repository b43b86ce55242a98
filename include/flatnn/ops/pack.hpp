#pragma once
// PACK: stacks values_count inputs of one shape along a new axis (in [-(rank+1), rank]). Quantized inputs must
// share the output's scale and zero point, as TensorFlow Lite requires; the copy is reference::concatenation.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/concatenation.hpp"

namespace flatnn::ops {

struct pack_data : node_data {
    std::vector<reference::concat_input> inputs;  // data bound at invoke
    int64_t outer = 0;
    size_t element_size = 0;
};

inline status pack_invoke(node& n) {
    auto& d = n.get<pack_data>();
    for (size_t i = 0; i < d.inputs.size(); ++i) d.inputs[i].data = n.in(i).data;
    reference::concatenation(d.inputs.data(), d.inputs.size(), d.outer, d.element_size, 0, n.out(0).data);
    return status::ok();
}

inline status prepare_pack(node& n) {
    namespace f = schema::pack_options_field;
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::pack_options));
    const int32_t count = option<int32_t>(n, f::values_count, 0);
    if (count <= 0 || size_t(count) != n.inputs.size())
        return n.fail("values_count is " + std::to_string(count) + ", the model gives " + std::to_string(n.inputs.size()) + " inputs");
    FLATNN_TRY(expect_io(n, n.inputs.size(), n.inputs.size(), 1));
    const tensor& t0 = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, t0, "input 0", es));
    const int rank = t0.dims.rank();
    if (rank + 1 > shape::max_rank) return n.fail("output rank exceeds 8");
    int axis = 0;
    FLATNN_TRY(normalize_axis(n, option<int32_t>(n, f::axis, 0), rank + 1, "axis", axis));
    for (size_t i = 0; i < n.inputs.size(); ++i) {
        const tensor& t = n.in(i);
        const std::string role = "input " + std::to_string(i);
        if (t.type != t0.type || t.dims != t0.dims)
            return n.fail(role + " is " + dtype_name(t.type) + t.dims.str() + ", input 0 is " + dtype_name(t0.type) +
                          t0.dims.str() + "; all must match");
        FLATNN_TRY(expect_same_quantization(n, t, role.c_str(), out, "output"));
    }
    out.dims = shape{};
    for (int k = 0; k < rank + 1; ++k)
        out.dims.push_back(k < axis ? t0.dims[k] : k == axis ? count : t0.dims[k - 1]);
    auto& d = n.emplace<pack_data>();
    d.outer = t0.dims.flat_size(0, axis);
    d.element_size = es;
    d.inputs.resize(n.inputs.size());
    for (auto& ci : d.inputs) ci.block = t0.dims.flat_size(axis, rank);
    n.invoke = pack_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
