#pragma once
// SPLIT_V: input 1 holds the constant sizes along the axis (int32 or int64, one may be -1 for the rest),
// input 2 the constant axis; num_splits outputs. A byte copy for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/split_v.hpp"

namespace flatnn::ops {

struct split_v_data : node_data {
    int64_t outer = 0;
    std::vector<size_t> blocks;
    std::vector<uint8_t*> outs;  // bound at invoke
};

inline status split_v_invoke(node& n) {
    auto& d = n.get<split_v_data>();
    for (size_t i = 0; i < d.outs.size(); ++i) d.outs[i] = n.out(i).data;
    reference::split_v(n.in(0).data, d.outer, d.blocks.data(), d.outs.data(), d.outs.size());
    return status::ok();
}

inline status prepare_split_v(node& n) {
    namespace f = schema::split_v_options_field;
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::split_v_options));
    const int32_t num = option<int32_t>(n, f::num_splits, 0);
    if (num <= 0) return n.fail("num_splits is " + std::to_string(num) + ", must be positive");
    FLATNN_TRY(expect_io(n, 3, 3, size_t(num)));
    const tensor& in = n.in(0);
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    std::vector<int64_t> sizes;
    FLATNN_TRY(read_const_ints(n, n.in(1), "size_splits (input 1)", sizes));
    int64_t axis_v = 0;
    FLATNN_TRY(read_const_scalar(n, n.in(2), "axis (input 2)", axis_v));
    const int rank = in.dims.rank();
    int axis = 0;
    FLATNN_TRY(normalize_axis(n, axis_v, rank, "axis", axis));
    if (sizes.size() != size_t(num))
        return n.fail("size_splits has " + std::to_string(sizes.size()) + " entries, num_splits is " + std::to_string(num));
    int64_t known = 0;
    int unknown = -1;
    for (size_t i = 0; i < sizes.size(); ++i) {
        if (sizes[i] == -1 && unknown < 0) {
            unknown = int(i);
        } else if (sizes[i] < 0 || sizes[i] > in.dims[axis]) {
            return n.fail("size_splits[" + std::to_string(i) + "] = " + std::to_string(sizes[i]) + " is invalid");
        } else {
            known += sizes[i];
        }
    }
    if (unknown >= 0) sizes[size_t(unknown)] = in.dims[axis] - known;
    if ((unknown >= 0 && known > in.dims[axis]) || (unknown < 0 && known != in.dims[axis]))
        return n.fail("size_splits add up to " + std::to_string(known) + ", axis " + std::to_string(axis) + " of " +
                      in.dims.str() + " has size " + std::to_string(in.dims[axis]));
    auto& d = n.emplace<split_v_data>();
    d.outer = in.dims.flat_size(0, axis);
    const int64_t inner = in.dims.flat_size(axis + 1, rank);
    for (size_t i = 0; i < sizes.size(); ++i) {
        FLATNN_TRY(output_type_matches_input(n, 0, i));
        n.out(i).dims = in.dims;
        n.out(i).dims[axis] = int32_t(sizes[i]);
        d.blocks.push_back(size_t(sizes[i] * inner) * es);
    }
    d.outs.resize(n.outputs.size());
    n.invoke = split_v_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
