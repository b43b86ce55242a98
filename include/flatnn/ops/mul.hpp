#pragma once
// MUL: broadcasting element-wise product with fused activation; float32, int8, uint8 and int16 (16x8).
#include <string>

#include "flatnn/ops/broadcast.hpp"
#include "flatnn/reference/mul.hpp"

namespace flatnn::ops {

struct mul_data : node_data {
    reference::broadcast_params bc;
    float act_min = 0, act_max = 0;
    reference::mul_quant_params q;
};

inline status mul_invoke_float(node& n) {
    const auto& d = n.get<mul_data>();
    reference::mul_float(d.bc, d.act_min, d.act_max, n.in(0).data_as<float>(), n.in(1).data_as<float>(),
                         n.out(0).data_as<float>());
    return status::ok();
}

template <class T>
inline status mul_invoke_quantized(node& n) {
    const auto& d = n.get<mul_data>();
    reference::mul_quantized<T>(d.bc, d.q, n.in(0).data_as<T>(), n.in(1).data_as<T>(), n.out(0).data_as<T>());
    return status::ok();
}

template <class T>
inline status setup_mul_quant(const node& n, int8_t act, reference::mul_quant_params& q) {
    const tensor& a = n.in(0);
    const tensor& b = n.in(1);
    const tensor& out = n.out(0);
    FLATNN_TRY(expect_quantized(n, a, "input 0"));
    FLATNN_TRY(expect_quantized(n, b, "input 1"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    q.input1_offset = -a.zero_point();
    q.input2_offset = -b.zero_point();
    q.output_offset = out.zero_point();
    // TFLite's MUL prepare multiplies and divides the scales in single precision, then widens.
    const float m = a.scale() * b.scale() / out.scale();
    fixed_point::quantize_multiplier(double(m), q.multiplier, q.shift);
    quantized_activation_range<T>(act, out.scale(), out.zero_point(), q.act_min, q.act_max);
    return status::ok();
}

inline status prepare_mul(node& n) {
    namespace f = schema::mul_options_field;
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::mul_options));
    auto& d = n.emplace<mul_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    const int8_t act = option<int8_t>(n, f::fused_activation_function, 0);
    FLATNN_TRY(check_activation(n, act));
    switch (n.in(0).type) {
        case dtype::float32:
            float_activation_range(act, d.act_min, d.act_max);
            n.invoke = mul_invoke_float;
            return status::ok();
        case dtype::int8:
            FLATNN_TRY(setup_mul_quant<int8_t>(n, act, d.q));
            n.invoke = mul_invoke_quantized<int8_t>;
            return status::ok();
        case dtype::uint8:
            FLATNN_TRY(setup_mul_quant<uint8_t>(n, act, d.q));
            n.invoke = mul_invoke_quantized<uint8_t>;
            return status::ok();
        case dtype::int16:  // 16x8: zero points 0, so that the int32 product cannot overflow
            if (n.in(0).zero_point() != 0 || n.in(1).zero_point() != 0 || n.out(0).zero_point() != 0)
                return n.fail("int16 inputs and output need zero point 0 (they have " +
                              std::to_string(n.in(0).zero_point()) + ", " + std::to_string(n.in(1).zero_point()) +
                              ", " + std::to_string(n.out(0).zero_point()) + ")");
            FLATNN_TRY(setup_mul_quant<int16_t>(n, act, d.q));
            n.invoke = mul_invoke_quantized<int16_t>;
            return status::ok();
        default:
            return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
