#pragma once
// EXPAND_DIMS: inserts a size-1 axis at the constant position of input 1 (int32 or int64, in [-(rank+1), rank]).
// The bytes are unchanged.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/reshape.hpp"

namespace flatnn::ops {

inline status expand_dims_invoke(node& n) {
    reference::copy_bytes(n.in(0).data, size_t(n.in(0).num_elements()) * dtype_size(n.in(0).type), n.out(0).data);
    return status::ok();
}

inline status prepare_expand_dims(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::expand_dims_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    const int rank = in.dims.rank();
    if (rank + 1 > shape::max_rank) return n.fail("output rank exceeds 8");
    int64_t axis_v = 0;
    FLATNN_TRY(read_const_scalar(n, n.in(1), "axis (input 1)", axis_v));
    int axis = 0;
    FLATNN_TRY(normalize_axis(n, axis_v, rank + 1, "axis", axis));
    out.dims = shape{};
    for (int k = 0; k < rank; ++k) {
        if (k == axis) out.dims.push_back(1);
        out.dims.push_back(in.dims[k]);
    }
    if (axis == rank) out.dims.push_back(1);
    n.invoke = expand_dims_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
