#pragma once
// GATHER_ND: indices (int16/int32/int64, constant or computed) of shape [..., D] pick slices of params:
// output shape indices[:-1] + params[D:]. A byte copy for any element type; a bad index fails invoke.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/gather_nd.hpp"

namespace flatnn::ops {

struct gather_nd_data : node_data {
    reference::gather_nd_params p;
};

template <class Index>
inline status gather_nd_invoke(node& n) {
    const auto& p = n.get<gather_nd_data>().p;
    const Index* idx = n.in(1).data_as<Index>();
    const int64_t bad = reference::gather_nd(p, n.in(0).data, idx, n.out(0).data);
    if (bad >= 0)
        return index_out_of_range(n, "indices element " + std::to_string(bad), int64_t(idx[bad]), p.dims[bad % p.depth]);
    return status::ok();
}

inline status prepare_gather_nd(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::gather_nd_options));
    const tensor& params = n.in(0);
    const tensor& indices = n.in(1);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, params, "params (input 0)", es));
    const int prank = params.dims.rank(), irank = indices.dims.rank();
    if (irank < 1) return n.fail("indices (input 1) is a scalar; it needs rank >= 1");
    const int32_t D = indices.dims[irank - 1];
    if (D < 1 || D > prank) return n.fail("index depth " + std::to_string(D) + " must be in [1, params rank " + std::to_string(prank) + "]");
    if (irank - 1 + prank - D > shape::max_rank) return n.fail("output rank exceeds 8");
    out.dims = shape{};
    for (int k = 0; k < irank - 1; ++k) out.dims.push_back(indices.dims[k]);
    for (int k = D; k < prank; ++k) out.dims.push_back(params.dims[k]);
    auto& p = n.emplace<gather_nd_data>().p;
    p.count = indices.dims.flat_size(0, irank - 1);
    p.depth = D;
    p.slice_bytes = size_t(params.dims.flat_size(D, prank)) * es;
    int64_t s = 1;
    for (int d = D - 1; d >= 0; --d) {
        p.dims[d] = params.dims[d];
        p.strides[d] = s;
        s *= params.dims[d];
    }
    switch (indices.type) {
        case dtype::int16: n.invoke = gather_nd_invoke<int16_t>; break;
        case dtype::int32: n.invoke = gather_nd_invoke<int32_t>; break;
        case dtype::int64: n.invoke = gather_nd_invoke<int64_t>; break;
        default: return n.fail(std::string("indices (input 1) type ") + dtype_name(indices.type) + " is not int16/int32/int64");
    }
    return status::ok();
}

}  // namespace flatnn::ops
