#pragma once
// BROADCAST_TO: input 1 is the constant target shape (int32 or int64); input axes align with its trailing axes
// and must equal them or be 1. A byte copy for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/tile.hpp"

namespace flatnn::ops {

inline status prepare_broadcast_to(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::broadcast_to_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    std::vector<int64_t> want;
    FLATNN_TRY(read_const_ints(n, n.in(1), "shape (input 1)", want));
    if (want.size() > size_t(shape::max_rank) || want.size() < size_t(in.dims.rank()))
        return n.fail("target shape has " + std::to_string(want.size()) + " dimensions; it needs between the input rank " +
                      std::to_string(in.dims.rank()) + " and 8");
    out.dims = shape{};
    const int lead = int(want.size()) - in.dims.rank();
    for (size_t d = 0; d < want.size(); ++d) {
        const int64_t w = want[d];
        const int32_t from = int(d) >= lead ? in.dims[int(d) - lead] : 1;
        if (w < 0 || w > INT32_MAX || (from != 1 && from != w))
            return n.fail("input " + in.dims.str() + " cannot broadcast to dimension " + std::to_string(d) + " = " +
                          std::to_string(w));
        out.dims.push_back(int32_t(w));
    }
    return use_strided_copy(n, reference::broadcast_view(in.dims, out.dims), es);
}

}  // namespace flatnn::ops
