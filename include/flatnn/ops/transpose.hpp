#pragma once
// TRANSPOSE: input 1 is the constant permutation (int32 or int64). A byte copy for any element type; quantized
// bytes pass unchanged, as in TensorFlow Lite.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/transpose.hpp"

namespace flatnn::ops {

inline status prepare_transpose(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::transpose_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    std::vector<int64_t> perm_v;
    FLATNN_TRY(read_const_ints(n, n.in(1), "perm (input 1)", perm_v));
    const int rank = in.dims.rank();
    if (int64_t(perm_v.size()) != rank)
        return n.fail("perm (input 1) has " + std::to_string(perm_v.size()) + " elements, the input " + in.dims.str() +
                      " has rank " + std::to_string(rank));
    int perm[shape::max_rank];
    bool seen[shape::max_rank] = {};
    for (int i = 0; i < rank; ++i) {
        int a = 0;
        FLATNN_TRY(normalize_axis(n, perm_v[size_t(i)], rank, "perm entry", a));
        if (seen[a]) return n.fail("perm (input 1) names axis " + std::to_string(a) + " twice; it must be a permutation");
        seen[a] = true;
        perm[i] = a;
    }
    const reference::strided_view v = reference::transpose_view(in.dims, perm);
    out.dims = shape{};
    for (int i = 0; i < rank; ++i) out.dims.push_back(v.dims[i]);
    return use_strided_copy(n, v, es);
}

}  // namespace flatnn::ops
