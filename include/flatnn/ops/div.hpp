#pragma once
// DIV: broadcasting quotient with fused activation; float32, int32 (truncating; a zero divisor is an error), and
// uint8 with TFLite's fixed-point reciprocal (reference/div.hpp; TFLite has no int8 DIV).
#include <string>

#include "flatnn/ops/broadcast.hpp"
#include "flatnn/ops/elementwise_binary.hpp"
#include "flatnn/reference/div.hpp"

namespace flatnn::ops {

template <class T>
inline status div_invoke_int(node& n) {
    const T* b = n.in(1).data_as<T>();
    for (int64_t i = 0, count = n.in(1).num_elements(); i < count; ++i)
        if (b[i] == 0) return n.fail("division by zero (input 1 element " + std::to_string(i) + ")");
    return clamped_binary_invoke<T, reference::div_fn>(n);
}

struct div_quant_data : node_data {
    reference::broadcast_params bc;
    reference::div_quant_params q;
};

template <class T>
inline status div_invoke_quantized(node& n) {
    const auto& d = n.get<div_quant_data>();
    const T* b = n.in(1).data_as<T>();
    for (int64_t i = 0, count = n.in(1).num_elements(); i < count; ++i)  // a real 0 divisor, refused as TFLite does
        if (int32_t(b[i]) + d.q.input2_offset == 0)
            return n.fail("division by zero (input 1 element " + std::to_string(i) + " equals its zero point)");
    reference::div_quantized<T>(d.bc, d.q, n.in(0).data_as<T>(), n.in(1).data_as<T>(), n.out(0).data_as<T>());
    return status::ok();
}

template <class T>
inline status prepare_div_quantized(node& n, int8_t act) {
    auto& d = n.emplace<div_quant_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    FLATNN_TRY(check_activation(n, act));
    const tensor &a = n.in(0), &b = n.in(1), &out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    if (b.type != a.type) return n.fail("input 1 type differs from input 0's");
    FLATNN_TRY(expect_quantized(n, a, "input 0"));
    FLATNN_TRY(expect_quantized(n, b, "input 1"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    auto& q = d.q;
    q.input1_offset = -a.zero_point(), q.input2_offset = -b.zero_point(), q.output_offset = out.zero_point();
    fixed_point::quantize_multiplier(double(a.scale()) / (double(b.scale()) * double(out.scale())), q.multiplier, q.shift);
    quantized_activation_range<T>(act, out.scale(), out.zero_point(), q.act_min, q.act_max);
    n.invoke = div_invoke_quantized<T>;
    return status::ok();
}

inline status prepare_div(node& n) {
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::div_options));
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    const int8_t act = option<int8_t>(n, schema::div_options_field::fused_activation_function, 0);
    switch (n.in(0).type) {
        case dtype::float32:
            FLATNN_TRY(prepare_clamped_binary<float>(n, act));
            n.invoke = clamped_binary_invoke<float, reference::div_fn>;
            return status::ok();
        case dtype::int32:
            FLATNN_TRY(prepare_clamped_binary<int32_t>(n, act));
            n.invoke = div_invoke_int<int32_t>;
            return status::ok();
        case dtype::uint8: return prepare_div_quantized<uint8_t>(n, act);
        default: return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
