#pragma once
// LOG_SOFTMAX over the last axis: float32, and int8/uint8 with TFLite's fixed output quantization (scale 16/256,
// zero point 127 / 255) and its prepare-time parameters (beta 1, differences in Q5.26).
#include <cmath>
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/log_softmax.hpp"

namespace flatnn::ops {

struct log_softmax_data : node_data {
    int64_t rows = 0;
    int32_t depth = 0;
    reference::log_softmax_quant_params q;
};

template <class T>
inline status log_softmax_invoke_quantized(node& n) {
    const auto& d = n.get<log_softmax_data>();
    reference::log_softmax_quantized(d.q, d.rows, d.depth, n.in(0).data_as<T>(), n.out(0).data_as<T>());
    return status::ok();
}

// TFLite's PreprocessLogSoftmaxScalingExp and CalculateInputRadius for beta 1 and 5 integer bits.
inline status log_softmax_quant_params(node& n, float input_scale, reference::log_softmax_quant_params& q) {
    constexpr int in_bits = 5;
    const double real = std::min(double(input_scale) * double(1 << (31 - in_bits)), double(INT32_MAX));
    int shift = 0;
    fixed_point::quantize_multiplier(real, q.input_multiplier, shift);
    if (!(real > 1.0) || shift < 0 || shift > 30)
        return n.fail("input scale " + std::to_string(input_scale) + " is outside the range the quantized kernel takes");
    q.input_left_shift = shift;
    const double reverse = double(int64_t(1) << (31 - shift)) / double(q.input_multiplier);
    fixed_point::quantize_multiplier(reverse, q.reverse_multiplier, q.reverse_shift);
    if (q.reverse_shift > 0) return n.fail("internal: the reverse scaling of LOG_SOFTMAX is not below 1");
    const double radius = double((1 << in_bits) - 1) * double(int64_t(1) << (31 - in_bits)) / double(int64_t(1) << shift);
    q.diff_min = -int32_t(std::floor(radius));
    return status::ok();
}

inline status log_softmax_invoke_float(node& n) {
    const auto& d = n.get<log_softmax_data>();
    reference::log_softmax_float(d.rows, d.depth, n.in(0).data_as<float>(), n.out(0).data_as<float>());
    return status::ok();
}

inline status prepare_log_softmax(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(output_type_matches_input(n));
    const tensor& in = n.in(0);
    if (in.dims.rank() < 1) return n.fail("input must have rank >= 1, it is a scalar");
    auto& d = n.emplace<log_softmax_data>();
    d.depth = in.dims[in.dims.rank() - 1];
    d.rows = in.dims.flat_size(0, in.dims.rank() - 1);
    n.out(0).dims = in.dims;
    if (in.type == dtype::float32) {
        n.invoke = log_softmax_invoke_float;
        return status::ok();
    }
    if (in.type != dtype::int8 && in.type != dtype::uint8)
        return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    FLATNN_TRY(expect_quantized(n, in, "input"));
    FLATNN_TRY(expect_quantized(n, n.out(0), "output"));
    const int32_t want_zp = in.type == dtype::int8 ? 127 : 255;
    if (n.out(0).scale() != 16.0f / 256 || n.out(0).zero_point() != want_zp)
        return n.fail("output quantization must be scale 16/256, zero point " + std::to_string(want_zp) + " (it has " +
                      std::to_string(n.out(0).scale()) + ", " + std::to_string(n.out(0).zero_point()) + ")");
    FLATNN_TRY(log_softmax_quant_params(n, in.scale(), d.q));
    n.invoke = in.type == dtype::int8 ? log_softmax_invoke_quantized<int8_t> : log_softmax_invoke_quantized<uint8_t>;
    return status::ok();
}

}  // namespace flatnn::ops
