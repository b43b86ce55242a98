#pragma once
// CUMSUM: running sums of float32, int32 or int64 along the constant axis of input 1 (exclusive / reverse from
// CumsumOptions).
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/cumsum.hpp"

namespace flatnn::ops {

struct cumsum_data : node_data {
    reference::cumsum_params p;
};

template <class T>
inline status cumsum_invoke(node& n) {
    reference::cumsum<T>(n.get<cumsum_data>().p, n.in(0).data_as<T>(), n.out(0).data_as<T>());
    return status::ok();
}

inline status prepare_cumsum(node& n) {
    namespace f = schema::cumsum_options_field;
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::cumsum_options));
    const tensor& in = n.in(0);
    FLATNN_TRY(output_type_matches_input(n));
    const int rank = in.dims.rank();
    if (rank < 1) return n.fail("input is a scalar; it needs rank >= 1");
    int64_t axis_v = 0;
    FLATNN_TRY(read_const_scalar(n, n.in(1), "axis (input 1)", axis_v));
    int axis = 0;
    FLATNN_TRY(normalize_axis(n, axis_v, rank, "axis", axis));
    auto& p = n.emplace<cumsum_data>().p;
    p.outer = in.dims.flat_size(0, axis);
    p.inner = in.dims.flat_size(axis + 1, rank);
    p.axis_size = in.dims[axis];
    p.exclusive = option<bool>(n, f::exclusive, false);
    p.reverse = option<bool>(n, f::reverse, false);
    n.out(0).dims = in.dims;
    switch (in.type) {
        case dtype::float32: n.invoke = cumsum_invoke<float>; return status::ok();
        case dtype::int32: n.invoke = cumsum_invoke<int32_t>; return status::ok();
        case dtype::int64: n.invoke = cumsum_invoke<int64_t>; return status::ok();
        default: return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel (float32, int32, int64)");
    }
}

}  // namespace flatnn::ops
