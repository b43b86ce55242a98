#pragma once
// ARG_MAX: input 1 is the constant axis (one element, negative allowed); the output drops that axis and has
// the output tensor's type, int32 or int64. Quantized inputs compare raw values (the scale is positive).
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/arg_max.hpp"

namespace flatnn::ops {

struct arg_max_data : node_data {
    int64_t outer = 0, inner = 0;
    int32_t axis_size = 0;
};

template <class T, class I, class Better>
inline status arg_select_invoke(node& n) {
    const auto& d = n.get<arg_max_data>();
    reference::arg_select<T, I, Better>(d.outer, d.axis_size, d.inner, n.in(0).data_as<T>(), n.out(0).data_as<I>());
    return status::ok();
}

template <class I, class Better>
inline invoke_fn arg_select_kernel(dtype t) {
    switch (t) {
        case dtype::float32: return arg_select_invoke<float, I, Better>;
        case dtype::int8: return arg_select_invoke<int8_t, I, Better>;
        case dtype::uint8: return arg_select_invoke<uint8_t, I, Better>;
        case dtype::int16: return arg_select_invoke<int16_t, I, Better>;
        case dtype::int32: return arg_select_invoke<int32_t, I, Better>;
        case dtype::int64: return arg_select_invoke<int64_t, I, Better>;
        default: return nullptr;
    }
}

// ARG_MAX and ARG_MIN (Better: the strict comparison that picks the answer; options_tag: their options table).
template <class Better>
inline status prepare_arg_select(node& n, uint8_t options_tag) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, options_tag));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    const int rank = in.dims.rank();
    if (rank < 1) return n.fail("input is a scalar; the op needs rank >= 1");
    std::vector<int64_t> axis_v;
    FLATNN_TRY(read_const_ints(n, n.in(1), "axis (input 1)", axis_v));
    if (axis_v.size() != 1) return n.fail("axis (input 1) has " + std::to_string(axis_v.size()) + " elements, expected 1");
    const int64_t axis = axis_v[0] < 0 ? axis_v[0] + rank : axis_v[0];
    if (axis < 0 || axis >= rank)
        return n.fail("axis " + std::to_string(axis_v[0]) + " is outside [-" + std::to_string(rank) + ", " +
                      std::to_string(rank) + ") for input shape " + in.dims.str());
    const int a = int(axis);
    shape s;
    for (int k = 0; k < rank; ++k)
        if (k != a) s.push_back(in.dims[k]);
    if (in.dims[a] == 0 && s.num_elements() != 0)
        return n.fail("axis " + std::to_string(a) + " of input " + in.dims.str() + " is empty: nothing to index");
    out.dims = s;
    auto& d = n.emplace<arg_max_data>();
    d.outer = in.dims.flat_size(0, a);
    d.axis_size = in.dims[a];
    d.inner = in.dims.flat_size(a + 1, rank);
    invoke_fn fn = nullptr;
    if (out.type == dtype::int32) fn = arg_select_kernel<int32_t, Better>(in.type);
    else if (out.type == dtype::int64) fn = arg_select_kernel<int64_t, Better>(in.type);
    else return n.fail(std::string("output has type ") + dtype_name(out.type) + ", expected int32 or int64");
    if (!fn) return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    n.invoke = fn;
    return status::ok();
}

inline status prepare_arg_max(node& n) {
    return prepare_arg_select<reference::arg_max_better>(n, schema::builtin_options_tag::arg_max_options);
}

}  // namespace flatnn::ops
