#pragma once
// REDUCE_PROD over constant axes (ops/reduce.hpp): product; float32, int32, int64; quantized int8 and int16 (zero
// points 0) as TFLite's QuantizedReduceProd (reference/reduce_prod.hpp). Unquantized int8/int16 multiply raw
// values as the other integer types; quantized uint8 has no TFLite kernel.
#include <cmath>
#include <string>

#include "flatnn/ops/reduce.hpp"
#include "flatnn/reference/reduce_prod.hpp"

namespace flatnn::ops {

template <class T>
inline status reduce_prod_invoke_quantized(node& n) {
    auto& d = n.get<reduce_data>();
    reference::reduce_prod_quantized<T>(d.p, n.in(0).data_as<T>(), n.out(0).data_as<T>(), d.int_sums.data());
    return status::ok();
}

inline status prepare_reduce_prod(node& n) {
    const bool quantized_input = !n.inputs.empty() && n.inputs[0] && n.in(0).quantized();
    if (!quantized_input) return prepare_reduce_fold<reference::reduce_prod_fn>(n, true, false);
    const dtype t = n.in(0).type;
    if (t != dtype::int8 && t != dtype::int16)
        return n.fail(std::string("quantized input type ") + dtype_name(t) + " has no kernel (TensorFlow Lite has "
                      "quantized REDUCE_PROD for int8 and int16 only)");
    auto& d = n.emplace<reduce_data>();
    auto& p = d.p;
    FLATNN_TRY(prepare_reduce_axes(n, p));
    FLATNN_TRY(output_type_matches_input(n));
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    FLATNN_TRY(expect_quantized(n, in, "input"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    if (t == dtype::int16 && (in.zero_point() != 0 || out.zero_point() != 0))
        return n.fail("int16 input and output need zero point 0, as in TensorFlow Lite");
    FLATNN_TRY(check_scratch(n, uint64_t(p.out_size), sizeof(int32_t), "products"));
    // Each of the count factors carries s_in / s_out^(1/count), in double as TFLite (multiplier 0 when empty).
    p.multiplier = 0;
    p.shift = 0;
    if (p.in_size > 0 && p.out_size > 0) {
        const double step = double(in.scale()) / std::pow(double(out.scale()), 1.0 / double(p.in_size / p.out_size));
        fixed_point::quantize_multiplier(step, p.multiplier, p.shift);
    }
    p.sum_offset = in.zero_point();
    p.out_offset = out.zero_point();
    d.int_sums.resize(size_t(p.out_size));
    n.invoke = t == dtype::int8 ? reduce_prod_invoke_quantized<int8_t> : reduce_prod_invoke_quantized<int16_t>;
    return status::ok();
}

}  // namespace flatnn::ops
