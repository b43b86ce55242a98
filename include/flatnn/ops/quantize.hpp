#pragma once
// QUANTIZE: float32 -> int8/uint8/int16 (per tensor, or per axis when the output has several scales), and
// integer requantization int8/uint8 -> int8/uint8/int16, int16 -> int8/int16/int32, int32 -> int8/int16.
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/quantize.hpp"

namespace flatnn::ops {

// Per-axis quantization of tensor t laid out as [outer, channels, inner] around quant->axis.
struct per_axis_layout {
    int64_t outer = 0, inner = 0;
    int32_t channels = 0;
    std::vector<float> scale;
    std::vector<int32_t> zero_point;
};

inline status make_per_axis_layout(const node& n, const tensor& t, const char* role, per_axis_layout& l) {
    const int rank = t.dims.rank();
    const int32_t axis = t.quant->axis;
    if (axis < 0 || axis >= rank)
        return n.fail(std::string(role) + " quantized_dimension " + std::to_string(axis) + " is outside its rank " +
                      std::to_string(rank));
    if (size_t(t.dims[axis]) != t.quant->channels())
        return n.fail(std::string(role) + " has " + std::to_string(t.quant->channels()) + " scales for dimension " +
                      std::to_string(axis) + " of size " + std::to_string(t.dims[axis]));
    if (t.quant->zero_point.size() != 1 && t.quant->zero_point.size() != t.quant->channels())
        return n.fail(std::string(role) + " has " + std::to_string(t.quant->zero_point.size()) + " zero points for " +
                      std::to_string(t.quant->channels()) + " scales");
    l.outer = t.dims.flat_size(0, axis);
    l.channels = t.dims[axis];
    l.inner = t.dims.flat_size(axis + 1, rank);
    l.scale.assign(t.quant->scale.begin(), t.quant->scale.end());
    l.zero_point.resize(t.quant->channels());
    for (size_t c = 0; c < l.zero_point.size(); ++c) l.zero_point[c] = t.quant->zero_point_at(c);
    return status::ok();
}

struct quantize_data : node_data {
    per_axis_layout axis;
    reference::requantize_params rq;
};

template <class T>
inline status quantize_invoke_float(node& n) {
    const tensor& out = n.out(0);
    reference::quantize_float<T>(n.in(0).num_elements(), out.scale(), out.zero_point(), n.in(0).data_as<float>(),
                                 n.out(0).data_as<T>());
    return status::ok();
}

template <class T>
inline status quantize_invoke_float_per_channel(node& n) {
    const auto& a = n.get<quantize_data>().axis;
    reference::quantize_float_per_channel<T>(a.outer, a.channels, a.inner, a.scale.data(), a.zero_point.data(),
                                             n.in(0).data_as<float>(), n.out(0).data_as<T>());
    return status::ok();
}

template <class In, class Out>
inline status quantize_invoke_requantize(node& n) {
    reference::requantize<In, Out>(n.get<quantize_data>().rq, n.in(0).num_elements(), n.in(0).data_as<In>(),
                                   n.out(0).data_as<Out>());
    return status::ok();
}

template <class In>
inline invoke_fn requantize_kernel(dtype out) {
    switch (out) {
        case dtype::int8: return quantize_invoke_requantize<In, int8_t>;
        case dtype::uint8: return quantize_invoke_requantize<In, uint8_t>;
        case dtype::int16: return quantize_invoke_requantize<In, int16_t>;
        case dtype::int32: return quantize_invoke_requantize<In, int32_t>;
        default: return nullptr;
    }
}

inline bool requantize_supported(dtype in, dtype out) {
    switch (in) {
        case dtype::int8:
        case dtype::uint8: return out == dtype::int8 || out == dtype::uint8 || out == dtype::int16;
        case dtype::int16: return out == dtype::int8 || out == dtype::int16 || out == dtype::int32;
        case dtype::int32: return out == dtype::int8 || out == dtype::int16;
        default: return false;
    }
}

inline status prepare_quantize(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::quantize_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    out.dims = in.dims;
    auto& d = n.emplace<quantize_data>();
    const auto unsupported = [&] {
        return n.fail(std::string("conversion from ") + dtype_name(in.type) + " to " + dtype_name(out.type) +
                      " is not supported");
    };
    if (in.type == dtype::float32) {
        if (out.type != dtype::int8 && out.type != dtype::uint8 && out.type != dtype::int16) return unsupported();
        FLATNN_TRY(expect_quantized(n, out, "output", true));
        if (out.quant->per_channel()) {
            FLATNN_TRY(make_per_axis_layout(n, out, "output", d.axis));
            n.invoke = out.type == dtype::int8    ? quantize_invoke_float_per_channel<int8_t>
                       : out.type == dtype::uint8 ? quantize_invoke_float_per_channel<uint8_t>
                                                  : quantize_invoke_float_per_channel<int16_t>;
        } else {
            n.invoke = out.type == dtype::int8    ? quantize_invoke_float<int8_t>
                       : out.type == dtype::uint8 ? quantize_invoke_float<uint8_t>
                                                  : quantize_invoke_float<int16_t>;
        }
        return status::ok();
    }
    if (!requantize_supported(in.type, out.type)) return unsupported();
    // int32 tensors may carry any zero point; expect_quantized checks the int8/uint8/int16 ranges.
    FLATNN_TRY(expect_quantized(n, in, "input"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    if (in.type == dtype::int16 && out.type == dtype::int16 && (in.zero_point() != 0 || out.zero_point() != 0))
        return n.fail("int16 to int16 requantization needs zero points of 0");
    d.rq.input_zero_point = in.zero_point();
    d.rq.output_zero_point = out.zero_point();
    fixed_point::quantize_multiplier(double(in.scale()) / double(out.scale()), d.rq.multiplier, d.rq.shift);
    switch (in.type) {
        case dtype::int8: n.invoke = requantize_kernel<int8_t>(out.type); break;
        case dtype::uint8: n.invoke = requantize_kernel<uint8_t>(out.type); break;
        case dtype::int16: n.invoke = requantize_kernel<int16_t>(out.type); break;
        default: n.invoke = requantize_kernel<int32_t>(out.type); break;
    }
    return status::ok();
}

}  // namespace flatnn::ops
