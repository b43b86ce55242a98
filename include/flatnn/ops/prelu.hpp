#pragma once
// PRELU: input 1 is alpha, broadcast against the input (the output keeps the input's shape); float32, int8, uint8.
#include "flatnn/ops/broadcast.hpp"
#include "flatnn/reference/prelu.hpp"

namespace flatnn::ops {

struct prelu_data : node_data {
    reference::broadcast_params bc;
    reference::prelu_quant_params q;
};

inline status prelu_invoke_float(node& n) {
    reference::prelu_float(n.get<prelu_data>().bc, n.in(0).data_as<float>(), n.in(1).data_as<float>(),
                           n.out(0).data_as<float>());
    return status::ok();
}

template <class T>
inline status prelu_invoke_quantized(node& n) {
    const auto& d = n.get<prelu_data>();
    reference::prelu_quantized<T>(d.bc, d.q, n.in(0).data_as<T>(), n.in(1).data_as<T>(), n.out(0).data_as<T>());
    return status::ok();
}

inline status prepare_prelu(node& n) {
    auto& d = n.emplace<prelu_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    const tensor& in = n.in(0);
    const tensor& alpha = n.in(1);
    const tensor& out = n.out(0);
    if (out.dims != in.dims)
        return n.fail("alpha " + alpha.dims.str() + " would broadcast the input " + in.dims.str() + " to " + out.dims.str() +
                      "; the output must keep the input's shape");
    switch (in.type) {
        case dtype::float32: n.invoke = prelu_invoke_float; return status::ok();
        case dtype::int8:
        case dtype::uint8: {
            FLATNN_TRY(expect_quantized(n, in, "input"));
            FLATNN_TRY(expect_quantized(n, alpha, "alpha (input 1)"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            d.q.input_offset = -in.zero_point();
            d.q.alpha_offset = -alpha.zero_point();
            d.q.output_offset = out.zero_point();
            // As TFLite: the scale ratios in float, widened to double.
            fixed_point::quantize_multiplier(double(in.scale() / out.scale()), d.q.identity_multiplier, d.q.identity_shift);
            fixed_point::quantize_multiplier(double(in.scale() * alpha.scale() / out.scale()), d.q.alpha_multiplier,
                                             d.q.alpha_shift);
            n.invoke = in.type == dtype::int8 ? prelu_invoke_quantized<int8_t> : prelu_invoke_quantized<uint8_t>;
            return status::ok();
        }
        default: return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
