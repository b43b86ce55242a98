#pragma once
// ONE_HOT: inputs indices (int32/int64), depth (constant int32 scalar), on_value and off_value (scalars of the
// output type, read at invoke); the new axis goes at OneHotOptions.axis (-1: last). A byte copy for any type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/one_hot.hpp"

namespace flatnn::ops {

struct one_hot_data : node_data {
    reference::one_hot_params p;
};

template <class Index>
inline status one_hot_invoke(node& n) {
    reference::one_hot(n.get<one_hot_data>().p, n.in(0).data_as<Index>(), n.in(2).data, n.in(3).data, n.out(0).data);
    return status::ok();
}

inline status prepare_one_hot(node& n) {
    namespace f = schema::one_hot_options_field;
    FLATNN_TRY(expect_io(n, 4, 4, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::one_hot_options));
    const tensor& idx = n.in(0);
    tensor& out = n.out(0);
    auto& p = n.emplace<one_hot_data>().p;
    FLATNN_TRY(element_size_of(n, out, "output", p.element_size));
    for (size_t i = 2; i < 4; ++i) {
        const tensor& v = n.in(i);
        if (v.type != out.type || v.num_elements() != 1)
            return n.fail((i == 2 ? std::string("on_value") : std::string("off_value")) + " must be one " +
                          dtype_name(out.type) + " value, it is " + dtype_name(v.type) + v.dims.str());
    }
    int64_t depth = 0;
    FLATNN_TRY(read_const_scalar(n, n.in(1), "depth (input 1)", depth));
    if (depth < 0 || depth > INT32_MAX) return n.fail("depth " + std::to_string(depth) + " is invalid");
    const int rank = idx.dims.rank();
    if (rank + 1 > shape::max_rank) return n.fail("output rank exceeds 8");
    const int32_t axis_opt = option<int32_t>(n, f::axis, 0);  // the schema default is 0; TF writes -1
    if (axis_opt < -1 || axis_opt > rank) return n.fail("axis " + std::to_string(axis_opt) + " is outside [-1, " + std::to_string(rank) + "]");
    const int axis = axis_opt == -1 ? rank : axis_opt;
    out.dims = shape{};
    for (int k = 0; k <= rank; ++k) out.dims.push_back(k < axis ? idx.dims[k] : k == axis ? int32_t(depth) : idx.dims[k - 1]);
    p.outer = idx.dims.flat_size(0, axis);
    p.inner = idx.dims.flat_size(axis, rank);
    p.depth = int32_t(depth);
    if (idx.type == dtype::int32) n.invoke = one_hot_invoke<int32_t>;
    else if (idx.type == dtype::int64) n.invoke = one_hot_invoke<int64_t>;
    else return n.fail(std::string("indices type ") + dtype_name(idx.type) + " is not int32/int64");
    return status::ok();
}

}  // namespace flatnn::ops
