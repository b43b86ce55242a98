#pragma once
// SCATTER_ND: inputs indices (int32/int64, [..., D]), updates (float32, int8, uint8, int32 or int64) and the
// constant output shape; output = zeros with the updates summed in at the indexed slices. A bad index fails
// invoke.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/scatter_nd.hpp"

namespace flatnn::ops {

struct scatter_nd_data : node_data {
    reference::scatter_nd_params p;
};

template <class T, class Index>
inline status scatter_nd_invoke(node& n) {
    const auto& p = n.get<scatter_nd_data>().p;
    const Index* idx = n.in(0).data_as<Index>();
    const int64_t bad = reference::scatter_nd<T, Index>(p, idx, n.in(1).data_as<T>(), n.out(0).data_as<T>());
    if (bad >= 0)
        return index_out_of_range(n, "indices element " + std::to_string(bad), int64_t(idx[bad]), p.dims[bad % p.depth]);
    return status::ok();
}

template <class T>
inline status choose_scatter_index(node& n) {
    if (n.in(0).type == dtype::int32) n.invoke = scatter_nd_invoke<T, int32_t>;
    else if (n.in(0).type == dtype::int64) n.invoke = scatter_nd_invoke<T, int64_t>;
    else return n.fail(std::string("indices type ") + dtype_name(n.in(0).type) + " is not int32/int64");
    return status::ok();
}

inline status prepare_scatter_nd(node& n) {
    FLATNN_TRY(expect_io(n, 3, 3, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::scatter_nd_options));
    const tensor& indices = n.in(0);
    const tensor& updates = n.in(1);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n, 1, 0));
    std::vector<int64_t> want;
    FLATNN_TRY(read_const_ints(n, n.in(2), "shape (input 2)", want));
    if (want.empty() || want.size() > size_t(shape::max_rank)) return n.fail("shape (input 2) must have 1 to 8 entries");
    out.dims = shape{};
    for (size_t k = 0; k < want.size(); ++k) {
        if (want[k] < 0 || want[k] > INT32_MAX) return n.fail("shape[" + std::to_string(k) + "] = " + std::to_string(want[k]) + " is invalid");
        out.dims.push_back(int32_t(want[k]));
    }
    const int irank = indices.dims.rank(), orank = out.dims.rank();
    if (irank < 1) return n.fail("indices (input 0) is a scalar; it needs rank >= 1");
    const int32_t D = indices.dims[irank - 1];
    if (D < 1 || D > orank) return n.fail("index depth " + std::to_string(D) + " must be in [1, output rank " + std::to_string(orank) + "]");
    // updates = indices[:-1] + shape[D:]
    shape expect;
    for (int k = 0; k < irank - 1; ++k) expect.push_back(indices.dims[k]);
    for (int k = D; k < orank; ++k) expect.push_back(out.dims[k]);
    if (updates.dims != expect)
        return n.fail("updates have shape " + updates.dims.str() + ", indices " + indices.dims.str() + " and shape " +
                      out.dims.str() + " need " + expect.str());
    auto& p = n.emplace<scatter_nd_data>().p;
    p.count = indices.dims.flat_size(0, irank - 1);
    p.depth = D;
    p.slice = out.dims.flat_size(D, orank);
    p.out_count = out.dims.num_elements();
    int64_t s = 1;
    for (int d = D - 1; d >= 0; --d) {
        p.dims[d] = out.dims[d];
        p.strides[d] = s;
        s *= out.dims[d];
    }
    switch (updates.type) {
        case dtype::float32: return choose_scatter_index<float>(n);
        case dtype::int8: return choose_scatter_index<int8_t>(n);
        case dtype::uint8: return choose_scatter_index<uint8_t>(n);
        case dtype::int32: return choose_scatter_index<int32_t>(n);
        case dtype::int64: return choose_scatter_index<int64_t>(n);
        default: return n.fail(std::string("updates type ") + dtype_name(updates.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
