#pragma once
// SUM over constant axes (ops/reduce.hpp): float32, int32, int64; uint8 as TFLite's QuantizedMeanOrSum with
// compute_sum: the int32 sum minus count·z_in, times s_in/s_out, plus z_out (MEAN's arithmetic without 1/count).
// int8 has no kernel: TFLite's reference SUM reads int8 tensors as uint8 bytes (its optimized kernel computes the
// sum in float instead), so there is no reference answer to match.
#include "flatnn/ops/reduce.hpp"
#include "flatnn/reference/mean.hpp"

namespace flatnn::ops {

template <class T>
inline status sum_invoke_quantized(node& n) {
    auto& d = n.get<reduce_data>();
    reference::mean_quantized<T>(d.p, n.in(0).data_as<T>(), n.out(0).data_as<T>(), d.int_sums.data());
    return status::ok();
}

inline status prepare_sum(node& n) {
    const dtype t = n.inputs.empty() || !n.inputs[0] ? dtype::float32 : n.in(0).type;
    if (t == dtype::int8)
        return n.fail("input type int8 has no kernel (TensorFlow Lite's reference SUM misreads int8 as uint8)");
    if (t != dtype::uint8) return prepare_reduce_fold<reference::reduce_sum_fn>(n, true, false);
    auto& d = n.emplace<reduce_data>();
    auto& p = d.p;
    FLATNN_TRY(prepare_reduce_axes(n, p));
    FLATNN_TRY(output_type_matches_input(n));
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    FLATNN_TRY(expect_quantized(n, in, "input"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    FLATNN_TRY(check_scratch(n, uint64_t(p.out_size), sizeof(int32_t), "sums"));
    fixed_point::quantize_multiplier(double(in.scale()) / double(out.scale()), p.multiplier, p.shift);
    p.sum_offset = int32_t(-int64_t(in.zero_point()) * p.count);
    p.out_offset = out.zero_point();
    d.int_sums.resize(size_t(p.out_size));
    n.invoke = sum_invoke_quantized<uint8_t>;
    return status::ok();
}

}  // namespace flatnn::ops
