#pragma once
// REVERSE_V2: reverses the input along the constant axes of input 1 (int32 or int64, negative allowed).
// A byte copy for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/reverse_v2.hpp"

namespace flatnn::ops {

inline status prepare_reverse_v2(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::reverse_v2_options));
    const tensor& in = n.in(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    std::vector<int64_t> axes;
    FLATNN_TRY(read_const_ints(n, n.in(1), "axis (input 1)", axes));
    bool rev[shape::max_rank] = {};
    for (int64_t a : axes) {
        int k = 0;
        FLATNN_TRY(normalize_axis(n, a, in.dims.rank(), "axis", k));
        rev[k] = true;
    }
    n.out(0).dims = in.dims;
    return use_strided_copy(n, reference::reverse_view(in.dims, rev), es);
}

}  // namespace flatnn::ops
