#pragma once
// DEQUANTIZE: int8/uint8/int16 -> float32 (per tensor or per axis), and float16 -> float32.
#include "flatnn/ops/quantize.hpp"
#include "flatnn/reference/dequantize.hpp"

namespace flatnn::ops {

struct dequantize_data : node_data {
    per_axis_layout axis;
};

template <class T>
inline status dequantize_invoke(node& n) {
    const tensor& in = n.in(0);
    reference::dequantize<T>(in.num_elements(), in.scale(), in.zero_point(), in.data_as<T>(), n.out(0).data_as<float>());
    return status::ok();
}

template <class T>
inline status dequantize_invoke_per_channel(node& n) {
    const auto& a = n.get<dequantize_data>().axis;
    reference::dequantize_per_channel<T>(a.outer, a.channels, a.inner, a.scale.data(), a.zero_point.data(),
                                         n.in(0).data_as<T>(), n.out(0).data_as<float>());
    return status::ok();
}

inline status dequantize_invoke_half(node& n) {
    reference::dequantize_half(n.in(0).num_elements(), n.in(0).data, n.out(0).data_as<float>());
    return status::ok();
}

template <class T>
inline invoke_fn dequantize_kernel(bool per_channel) {
    return per_channel ? dequantize_invoke_per_channel<T> : dequantize_invoke<T>;
}

inline status prepare_dequantize(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::dequantize_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(expect_type(n, out, dtype::float32, "output"));
    out.dims = in.dims;
    auto& d = n.emplace<dequantize_data>();
    if (in.type == dtype::float16) {
        n.invoke = dequantize_invoke_half;
        return status::ok();
    }
    if (in.type != dtype::int8 && in.type != dtype::uint8 && in.type != dtype::int16)
        return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    FLATNN_TRY(expect_quantized(n, in, "input", true));
    const bool per_channel = in.quant->per_channel();
    if (in.type == dtype::int16 && in.zero_point() != 0)  // as TFLite, which rejects it
        return n.fail("int16 input must have zero point 0, it has " + std::to_string(in.zero_point()));
    if (per_channel) FLATNN_TRY(make_per_axis_layout(n, in, "input", d.axis));
    n.invoke = in.type == dtype::int8    ? dequantize_kernel<int8_t>(per_channel)
               : in.type == dtype::uint8 ? dequantize_kernel<uint8_t>(per_channel)
                                         : dequantize_kernel<int16_t>(per_channel);
    return status::ok();
}

}  // namespace flatnn::ops
