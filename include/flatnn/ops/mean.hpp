#pragma once
// MEAN (ReducerOptions): constant axes, keep_dims; float and quantized. The quantized parameters are those of
// TensorFlow Lite's reference kernel (reduce.cc EvalMean with kReference → QuantizedMeanOrSum, for every axis set
// and whether or not input and output quantization match): factor s_in / s_out in double, with 1/count folded
// into the multiplier by an integer division, applied to sum - z_in * count, plus out_zp.
#include <algorithm>
#include <string>
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/ops/reduce.hpp"
#include "flatnn/reference/mean.hpp"

namespace flatnn::ops {

struct mean_data : node_data {
    reference::mean_params p;
    std::vector<float> float_sums;
    std::vector<int32_t> int_sums;
};

inline status mean_invoke_float(node& n) {
    auto& d = n.get<mean_data>();
    reference::mean_float(d.p, n.in(0).data_as<float>(), n.out(0).data_as<float>(), d.float_sums.data());
    return status::ok();
}

template <class T>
inline status mean_invoke_quantized(node& n) {
    auto& d = n.get<mean_data>();
    reference::mean_quantized<T>(d.p, n.in(0).data_as<T>(), n.out(0).data_as<T>(), d.int_sums.data());
    return status::ok();
}

// Multiplier, shift and offsets of TFLite's quantized MEAN (see the header comment).
inline void mean_quant_params(const tensor& in, const tensor& out, reference::mean_params& p) {
    int32_t m = 0;
    int e = 0;
    fixed_point::quantize_multiplier(double(in.scale()) / double(out.scale()), m, e);
    int sh = 0;  // floor(log2(count)), limited so that the products stay in range
    while ((int64_t(1) << (sh + 1)) <= p.count && sh < 62) ++sh;
    sh = std::min(sh, 32);
    sh = std::min(sh, 31 + e);
    p.multiplier = int32_t((int64_t(m) << sh) / p.count);
    p.shift = e - sh;
    p.sum_offset = int32_t(-int64_t(in.zero_point()) * p.count);
    p.out_offset = out.zero_point();
}

inline status prepare_mean(node& n) {
    auto& d = n.emplace<mean_data>();
    auto& p = d.p;
    FLATNN_TRY(prepare_reduce_axes(n, p));
    FLATNN_TRY(output_type_matches_input(n));
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    FLATNN_TRY(check_scratch(n, uint64_t(p.out_size), sizeof(float), "sums"));
    switch (in.type) {
        case dtype::float32:
            d.float_sums.resize(size_t(p.out_size));
            n.invoke = mean_invoke_float;
            return status::ok();
        case dtype::int8:
        case dtype::uint8:
        case dtype::int16: {
            FLATNN_TRY(expect_quantized(n, in, "input"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            if (in.type == dtype::int16 && (in.zero_point() != 0 || out.zero_point() != 0))
                return n.fail("int16 input and output need zero point 0 (they have " + std::to_string(in.zero_point()) +
                              ", " + std::to_string(out.zero_point()) + ")");
            if (p.count > 0) mean_quant_params(in, out, p);
            d.int_sums.resize(size_t(p.out_size));
            n.invoke = in.type == dtype::int8    ? mean_invoke_quantized<int8_t>
                       : in.type == dtype::int16 ? mean_invoke_quantized<int16_t>
                                                 : mean_invoke_quantized<uint8_t>;
            return status::ok();
        }
        default:
            return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
