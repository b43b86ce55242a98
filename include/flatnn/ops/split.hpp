#pragma once
// SPLIT: input 0 is the constant axis (one int32 element, negative allowed), input 1 the data; num_splits
// equal outputs along the axis.
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/split.hpp"

namespace flatnn::ops {

struct split_data : node_data {
    size_t input = 1;  // the data input (UNPACK shares this kernel with its data at input 0)
    int64_t outer = 0;
    size_t block = 0;
    std::vector<uint8_t*> outs;  // bound at invoke
};

inline status split_invoke(node& n) {
    auto& d = n.get<split_data>();
    for (size_t i = 0; i < d.outs.size(); ++i) d.outs[i] = n.out(i).data;
    reference::split(n.in(d.input).data, d.outer, d.block, d.outs.data(), d.outs.size());
    return status::ok();
}

inline status prepare_split(node& n) {
    namespace f = schema::split_options_field;
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::split_options));
    const int32_t num_splits = option<int32_t>(n, f::num_splits, 0);
    if (num_splits <= 0) return n.fail("num_splits is " + std::to_string(num_splits) + ", must be positive");
    FLATNN_TRY(expect_io(n, 2, 2, size_t(num_splits)));
    const tensor& axis_t = n.in(0);
    const tensor& in = n.in(1);
    std::vector<int64_t> axis_v;
    FLATNN_TRY(read_const_ints(n, axis_t, "axis (input 0)", axis_v));
    if (axis_v.size() != 1) return n.fail("axis (input 0) has " + std::to_string(axis_v.size()) + " elements, expected 1");
    const int rank = in.dims.rank();
    const int64_t axis = axis_v[0] < 0 ? axis_v[0] + rank : axis_v[0];
    if (axis < 0 || axis >= rank)
        return n.fail("axis " + std::to_string(axis_v[0]) + " is outside [-" + std::to_string(rank) + ", " +
                      std::to_string(rank) + ") for input shape " + in.dims.str());
    const int a = int(axis);
    if (in.dims[a] % num_splits != 0)
        return n.fail("input dimension " + std::to_string(a) + " (" + std::to_string(in.dims[a]) +
                      ") is not divisible by num_splits " + std::to_string(num_splits));
    const size_t es = dtype_size(in.type);
    if (es == 0) return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    for (size_t i = 0; i < n.outputs.size(); ++i) {
        if (n.out(i).type != in.type)
            return n.fail("output " + std::to_string(i) + " has type " + dtype_name(n.out(i).type) +
                          ", the input has " + dtype_name(in.type));
        n.out(i).dims = in.dims;
        n.out(i).dims[a] = in.dims[a] / num_splits;
    }
    auto& d = n.emplace<split_data>();
    d.outer = in.dims.flat_size(0, a);
    d.block = size_t(in.dims[a] / num_splits) * size_t(in.dims.flat_size(a + 1, rank)) * es;
    d.outs.resize(n.outputs.size());
    n.invoke = split_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
