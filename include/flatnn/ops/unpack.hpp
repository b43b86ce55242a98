#pragma once
// UNPACK: cuts the input along `axis` into its dims[axis] slices, each without that axis; `num`, when set,
// must equal the axis size. A byte copy (SPLIT's kernel) for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/ops/split.hpp"

namespace flatnn::ops {

inline status prepare_unpack(node& n) {
    namespace f = schema::unpack_options_field;
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::unpack_options));
    if (n.inputs.size() != 1 || !n.inputs[0]) return n.fail("takes 1 input");
    const tensor& in = n.in(0);
    const int rank = in.dims.rank();
    if (rank < 1) return n.fail("input is a scalar; it needs rank >= 1");
    int axis = 0;
    FLATNN_TRY(normalize_axis(n, option<int32_t>(n, f::axis, 0), rank, "axis", axis));
    const int32_t num = option<int32_t>(n, f::num, 0);
    if (num != 0 && num != in.dims[axis])
        return n.fail("num is " + std::to_string(num) + ", axis " + std::to_string(axis) + " of " + in.dims.str() +
                      " has size " + std::to_string(in.dims[axis]));
    FLATNN_TRY(expect_io(n, 1, 1, size_t(in.dims[axis])));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    shape slice;
    for (int k = 0; k < rank; ++k)
        if (k != axis) slice.push_back(in.dims[k]);
    for (size_t i = 0; i < n.outputs.size(); ++i) {
        FLATNN_TRY(output_type_matches_input(n, 0, i));
        n.out(i).dims = slice;
    }
    auto& d = n.emplace<split_data>();
    d.input = 0;
    d.outer = in.dims.flat_size(0, axis);
    d.block = size_t(in.dims.flat_size(axis + 1, rank)) * es;
    d.outs.resize(n.outputs.size());
    n.invoke = split_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
