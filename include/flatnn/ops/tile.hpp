#pragma once
// TILE: repeats the input multiples[d] times along each axis (input 1: constant int32/int64 multiples, one per
// axis). A byte copy for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/tile.hpp"

namespace flatnn::ops {

inline status prepare_tile(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::tile_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    std::vector<int64_t> mult;
    FLATNN_TRY(read_const_ints(n, n.in(1), "multiples (input 1)", mult));
    const int rank = in.dims.rank();
    if (int64_t(mult.size()) != rank)
        return n.fail("multiples (input 1) has " + std::to_string(mult.size()) + " entries, the input " + in.dims.str() +
                      " has rank " + std::to_string(rank));
    int32_t m[shape::max_rank];
    out.dims = in.dims;
    for (int d = 0; d < rank; ++d) {
        const int64_t size = int64_t(in.dims[d]) * (mult[size_t(d)] < 0 ? -1 : mult[size_t(d)]);
        if (mult[size_t(d)] < 0 || mult[size_t(d)] > INT32_MAX || size > INT32_MAX)
            return n.fail("multiples[" + std::to_string(d) + "] = " + std::to_string(mult[size_t(d)]) +
                          " must be non-negative and keep the size within int32");
        m[d] = int32_t(mult[size_t(d)]);
        out.dims[d] = int32_t(size);
    }
    reference::strided_view v;
    if (!reference::tile_view(in.dims, m, v))
        return n.fail("more than " + std::to_string(shape::max_rank - rank) + " axes of " + in.dims.str() +
                      " are tiled; this kernel handles rank + tiled axes <= 8");
    return use_strided_copy(n, v, es);
}

}  // namespace flatnn::ops
