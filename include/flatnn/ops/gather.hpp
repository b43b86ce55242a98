#pragma once
// GATHER: picks slices of input 0 (params) along `axis` at the int16/int32/int64 positions of input 1
// (indices, constant or computed), with `batch_dims` leading axes shared by both. Output shape:
// params[:axis] + indices[batch_dims:] + params[axis+1:]. A byte copy for any element type; an index outside
// the axis fails invoke with its position and value.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/gather.hpp"

namespace flatnn::ops {

struct gather_data : node_data {
    reference::gather_params p;
};

template <class Index>
inline status gather_invoke(node& n) {
    const auto& p = n.get<gather_data>().p;
    const Index* idx = n.in(1).data_as<Index>();
    const int64_t bad = reference::gather(p, n.in(0).data, idx, n.out(0).data);
    if (bad >= 0)
        return index_out_of_range(n, "indices[" + std::to_string(bad) + "]", int64_t(idx[bad]), p.axis_size);
    return status::ok();
}

inline status prepare_gather(node& n) {
    namespace f = schema::gather_options_field;
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::gather_options));
    const tensor& params = n.in(0);
    const tensor& indices = n.in(1);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, params, "params (input 0)", es));
    const int prank = params.dims.rank(), irank = indices.dims.rank();
    if (prank < 1) return n.fail("params (input 0) is a scalar; it needs rank >= 1");
    int axis = 0;
    FLATNN_TRY(normalize_axis(n, option<int32_t>(n, f::axis, 0), prank, "axis", axis));
    int32_t bd = option<int32_t>(n, f::batch_dims, 0);
    if (bd < 0) bd += irank;
    if (bd < 0 || bd > irank || bd > axis)
        return n.fail("batch_dims " + std::to_string(option<int32_t>(n, f::batch_dims, 0)) +
                      " must lie in [0, min(indices rank " + std::to_string(irank) + ", axis " + std::to_string(axis) + ")]");
    for (int k = 0; k < bd; ++k)
        if (params.dims[k] != indices.dims[k])
            return n.fail("batch dimension " + std::to_string(k) + " differs: params " + params.dims.str() +
                          ", indices " + indices.dims.str());
    if (prank - 1 + irank - bd > shape::max_rank) return n.fail("output rank exceeds 8");
    out.dims = shape{};
    for (int k = 0; k < axis; ++k) out.dims.push_back(params.dims[k]);
    for (int k = bd; k < irank; ++k) out.dims.push_back(indices.dims[k]);
    for (int k = axis + 1; k < prank; ++k) out.dims.push_back(params.dims[k]);
    auto& p = n.emplace<gather_data>().p;
    p.batch = params.dims.flat_size(0, bd);
    p.outer = params.dims.flat_size(bd, axis);
    p.coords = indices.dims.flat_size(bd, irank);
    p.axis_size = params.dims[axis];
    p.inner_bytes = size_t(params.dims.flat_size(axis + 1, prank)) * es;
    switch (indices.type) {
        case dtype::int16: n.invoke = gather_invoke<int16_t>; break;
        case dtype::int32: n.invoke = gather_invoke<int32_t>; break;
        case dtype::int64: n.invoke = gather_invoke<int64_t>; break;
        default: return n.fail(std::string("indices (input 1) type ") + dtype_name(indices.type) + " is not int16/int32/int64");
    }
    return status::ok();
}

}  // namespace flatnn::ops
