#pragma once
// TOPK_V2: the constant k (input 1, int32 scalar) largest values along the last axis of float32, int8, uint8,
// int32 or int64 input: output 0 the values, output 1 their int32 (or int64) positions.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/topk_v2.hpp"

namespace flatnn::ops {

template <class T, class Index>
inline status topk_v2_invoke(node& n) {
    const tensor& in = n.in(0);
    const int32_t len = in.dims[in.dims.rank() - 1];
    const int32_t k = n.out(0).dims[in.dims.rank() - 1];
    reference::topk_v2<T, Index>(in.data_as<T>(), len ? in.num_elements() / len : 0, len, k, n.out(0).data_as<T>(),
                                 n.out(1).data_as<Index>());
    return status::ok();
}

template <class T>
inline status choose_topk_index(node& n) {
    switch (n.out(1).type) {
        case dtype::int32: n.invoke = topk_v2_invoke<T, int32_t>; return status::ok();
        case dtype::int64: n.invoke = topk_v2_invoke<T, int64_t>; return status::ok();
        default: return n.fail(std::string("indices output type ") + dtype_name(n.out(1).type) + " is not int32/int64");
    }
}

inline status prepare_topk_v2(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 2));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::top_kv2_options));
    const tensor& in = n.in(0);
    FLATNN_TRY(output_type_matches_input(n));
    const int rank = in.dims.rank();
    if (rank < 1) return n.fail("input is a scalar; it needs rank >= 1");
    int64_t k = 0;
    FLATNN_TRY(read_const_scalar(n, n.in(1), "k (input 1)", k));
    if (k < 0 || k > in.dims[rank - 1])
        return n.fail("k = " + std::to_string(k) + " must lie in [0, " + std::to_string(in.dims[rank - 1]) + "], the last axis of " + in.dims.str());
    n.out(0).dims = in.dims;
    n.out(0).dims[rank - 1] = int32_t(k);
    n.out(1).dims = n.out(0).dims;
    switch (in.type) {
        case dtype::float32: return choose_topk_index<float>(n);
        case dtype::int8: return choose_topk_index<int8_t>(n);
        case dtype::uint8: return choose_topk_index<uint8_t>(n);
        case dtype::int32: return choose_topk_index<int32_t>(n);
        case dtype::int64: return choose_topk_index<int64_t>(n);
        default: return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
