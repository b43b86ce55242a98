#pragma once
// Prepare shared by the reductions (MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD, REDUCE_ANY; ReducerOptions):
// input 1 holds constant axes (negative allowed, repeats count once), keep_dims keeps reduced axes as 1; the
// output shape and the walk of reference/reduce.hpp.
#include <string>
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/reduce.hpp"

namespace flatnn::ops {

inline status prepare_reduce_axes(node& n, reference::reduce_params& p) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::reducer_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    std::vector<int64_t> axes;
    FLATNN_TRY(read_const_ints(n, n.in(1), "axis (input 1)", axes));
    const int rank = in.dims.rank();
    bool reduced[8] = {};
    for (size_t i = 0; i < axes.size(); ++i) {
        int64_t a = axes[i];
        if (a < -rank || a >= rank)
            return n.fail("axis[" + std::to_string(i) + "] = " + std::to_string(a) + " is outside [-" +
                          std::to_string(rank) + ", " + std::to_string(rank) + ") for input " + in.dims.str());
        if (a < 0) a += rank;
        reduced[a] = true;  // repeats count once, as in TFLite
    }
    const bool keep_dims = option<bool>(n, schema::reducer_options_field::keep_dims, false);
    p = reference::reduce_params{};
    p.rank = rank;
    p.count = 1;
    shape out_dims;  // rank 0 when every axis is reduced without keep_dims
    for (int i = 0; i < rank; ++i) {
        p.in_dims[i] = in.dims[i];
        if (reduced[i]) {
            p.count *= in.dims[i];
            if (keep_dims) out_dims.push_back(1);
        } else {
            out_dims.push_back(in.dims[i]);
        }
    }
    out.dims = out_dims;
    int64_t stride = 1;
    for (int i = rank - 1; i >= 0; --i) {
        p.out_stride[i] = reduced[i] ? 0 : stride;
        if (!reduced[i]) stride *= in.dims[i];
    }
    p.in_size = in.num_elements();
    p.out_size = stride;
    if (p.in_size == 0) p.count = 0;
    return status::ok();
}

struct reduce_data : node_data {
    reference::reduce_params p;
    std::vector<int32_t> int_sums;  // quantized SUM
};

// Folds straight into the output (one slot per output element).
template <class T, class Fn>
inline status reduce_invoke(node& n) {
    reference::reduce_fold(n.get<reduce_data>().p, n.in(0).data_as<T>(), n.out(0).data_as<T>(),
                           Fn::template identity<T>(), Fn{});
    return status::ok();
}

// REDUCE_MAX, REDUCE_MIN, REDUCE_PROD and the unquantized SUM: output of the input type; int8/uint8 raw values
// when bytes (max and min do not depend on the scale).
template <class Fn>
inline status prepare_reduce_fold(node& n, bool ints, bool bytes) {
    auto& d = n.emplace<reduce_data>();
    FLATNN_TRY(prepare_reduce_axes(n, d.p));
    FLATNN_TRY(output_type_matches_input(n));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = reduce_invoke<float, Fn>; return status::ok();
        case dtype::int32: if (ints) { n.invoke = reduce_invoke<int32_t, Fn>; return status::ok(); } break;
        case dtype::int64: if (ints) { n.invoke = reduce_invoke<int64_t, Fn>; return status::ok(); } break;
        case dtype::int8: if (bytes) { n.invoke = reduce_invoke<int8_t, Fn>; return status::ok(); } break;
        case dtype::uint8: if (bytes) { n.invoke = reduce_invoke<uint8_t, Fn>; return status::ok(); } break;
        case dtype::int16: if (bytes) { n.invoke = reduce_invoke<int16_t, Fn>; return status::ok(); } break;
        default: break;
    }
    return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
}

}  // namespace flatnn::ops
