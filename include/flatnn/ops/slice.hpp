#pragma once
// SLICE: inputs 1 and 2 are the constant begin and size vectors (int32 or int64, one entry per axis); size -1
// takes the rest of the axis. A byte copy for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/slice.hpp"

namespace flatnn::ops {

inline status prepare_slice(node& n) {
    FLATNN_TRY(expect_io(n, 3, 3, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::slice_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    std::vector<int64_t> begin_v, size_v;
    FLATNN_TRY(read_const_ints(n, n.in(1), "begin (input 1)", begin_v));
    FLATNN_TRY(read_const_ints(n, n.in(2), "size (input 2)", size_v));
    const int rank = in.dims.rank();
    if (int64_t(begin_v.size()) != rank || int64_t(size_v.size()) != rank)
        return n.fail("begin and size must have one entry per input axis (input " + in.dims.str() + "), they have " +
                      std::to_string(begin_v.size()) + " and " + std::to_string(size_v.size()));
    int32_t begin[shape::max_rank], size[shape::max_rank];
    out.dims = shape{};
    for (int d = 0; d < rank; ++d) {
        const int64_t b = begin_v[size_t(d)], dim = in.dims[d];
        const int64_t s = size_v[size_t(d)] == -1 ? dim - b : size_v[size_t(d)];
        if (b < 0 || b > dim || s < 0 || s > dim - b)
            return n.fail("axis " + std::to_string(d) + ": begin " + std::to_string(b) + " size " +
                          std::to_string(size_v[size_t(d)]) + " leave the input dimension " + std::to_string(dim));
        begin[d] = int32_t(b);
        size[d] = int32_t(s);
        out.dims.push_back(size[d]);
    }
    return use_strided_copy(n, reference::slice_view(in.dims, begin, size), es);
}

}  // namespace flatnn::ops
