#pragma once
// SQUEEZE: removes the listed size-1 axes (negative allowed), or every size-1 axis when the list is empty.
#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/reshape.hpp"

namespace flatnn::ops {

inline status squeeze_invoke(node& n) {
    reference::copy_bytes(n.in(0).data, size_t(n.in(0).num_elements()) * dtype_size(n.in(0).type), n.out(0).data);
    return status::ok();
}

inline status prepare_squeeze(node& n) {
    namespace f = schema::squeeze_options_field;
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::squeeze_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    if (dtype_size(in.type) == 0) return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    const int rank = in.dims.rank();
    bool drop[shape::max_rank] = {};
    fb::scalar_vector<int32_t> axes;
    if (n.op->options.valid() && n.op->options_type == schema::builtin_options_tag::squeeze_options)
        axes = n.op->options.vector<int32_t>(f::squeeze_dims);
    if (axes.empty()) {
        for (int k = 0; k < rank; ++k) drop[k] = in.dims[k] == 1;
    } else {
        for (uint32_t i = 0; i < axes.size(); ++i) {
            const int32_t a = axes[i];
            const int k = a < 0 ? a + rank : a;
            if (k < 0 || k >= rank)
                return n.fail("squeeze_dims[" + std::to_string(i) + "] = " + std::to_string(a) + " is outside [-" +
                              std::to_string(rank) + ", " + std::to_string(rank) + ")");
            if (in.dims[k] != 1)
                return n.fail("squeeze_dims[" + std::to_string(i) + "] names axis " + std::to_string(k) +
                              " of size " + std::to_string(in.dims[k]) + " in " + in.dims.str() + "; it must be 1");
            drop[k] = true;
        }
    }
    shape s;
    for (int k = 0; k < rank; ++k)
        if (!drop[k]) s.push_back(in.dims[k]);
    out.dims = s;
    n.invoke = squeeze_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
