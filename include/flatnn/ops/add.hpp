#pragma once
// ADD: broadcasting element-wise sum with fused activation; float32, int8, uint8 and int16 (16x8 general-scale
// form, and TFLite's power-of-two-scale form where it applies), int32/int64 (wrapping).
#include <algorithm>
#include <cmath>
#include <string>
#include <type_traits>

#include "flatnn/ops/add_pot_int16.hpp"
#include "flatnn/ops/broadcast.hpp"
#include "flatnn/ops/elementwise_binary.hpp"
#include "flatnn/reference/add.hpp"

namespace flatnn::ops {

struct add_data : node_data {
    reference::broadcast_params bc;
    float act_min = 0, act_max = 0;
    reference::add_quant_params q;
    reference::add_pot_int16_params pot;  // int16 power-of-two-scale form (ops/add_pot_int16.hpp)
};

inline status add_invoke_float(node& n) {
    const auto& d = n.get<add_data>();
    reference::add_float(d.bc, d.act_min, d.act_max, n.in(0).data_as<float>(), n.in(1).data_as<float>(),
                         n.out(0).data_as<float>());
    return status::ok();
}

inline status add_invoke_pot_int16(node& n) {
    const auto& d = n.get<add_data>();
    reference::add_pot_int16(d.pot, n.out(0).num_elements(), n.in(0).data_as<int16_t>(), n.in(1).data_as<int16_t>(),
                             n.out(0).data_as<int16_t>());
    return status::ok();
}

template <class T>
inline status add_invoke_quantized(node& n) {
    const auto& d = n.get<add_data>();
    reference::add_quantized<T>(d.bc, d.q, n.in(0).data_as<T>(), n.in(1).data_as<T>(), n.out(0).data_as<T>());
    return status::ok();
}

// 16x8 ADD and SUB: zero points 0, as TFLite requires for both int16 forms.
inline status check_int16_zero_points(const node& n) {
    const tensor& a = n.in(0);
    const tensor& b = n.in(1);
    const tensor& out = n.out(0);
    if (a.zero_point() != 0 || b.zero_point() != 0 || out.zero_point() != 0)
        return n.fail("int16 inputs and output need zero point 0 (they have " + std::to_string(a.zero_point()) + ", " +
                      std::to_string(b.zero_point()) + ", " + std::to_string(out.zero_point()) + ")");
    return status::ok();
}

// Multipliers as TFLite's ADD prepare computes them (§7.6): doubles from the float scales, inputs shifted left
// by 20 bits (15 for int16). ADD needs every factor below 1 (a pure right shift); SUB's prepare also takes an
// output gain above 1 (`output_gain_allowed`).
template <class T>
inline status setup_add_quant(const node& n, int8_t act, reference::add_quant_params& q,
                              bool output_gain_allowed = false) {
    const tensor& a = n.in(0);
    const tensor& b = n.in(1);
    const tensor& out = n.out(0);
    FLATNN_TRY(expect_quantized(n, a, "input 0"));
    FLATNN_TRY(expect_quantized(n, b, "input 1"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    q.input1_offset = -a.zero_point();
    q.input2_offset = -b.zero_point();
    q.output_offset = out.zero_point();
    q.left_shift = std::is_same_v<T, int16_t> ? 15 : 20;
    const double twice_max = double(2.0f * std::max(a.scale(), b.scale()));
    const double m1 = double(a.scale()) / twice_max;
    const double m2 = double(b.scale()) / twice_max;
    const double mo = twice_max / double(float(1 << q.left_shift) * out.scale());
    if (!(mo < 1.0) && !(output_gain_allowed && std::isfinite(mo)))
        return n.fail("output rescale factor 2*max(input scales)/(2^" + std::to_string(q.left_shift) +
                      "*output scale) = " + std::to_string(mo) + " must be below 1");
    fixed_point::quantize_multiplier(m1, q.input1_multiplier, q.input1_shift);
    fixed_point::quantize_multiplier(m2, q.input2_multiplier, q.input2_shift);
    fixed_point::quantize_multiplier(mo, q.output_multiplier, q.output_shift);
    if (q.input1_shift > 0 || q.input2_shift > 0 || (q.output_shift > 0 && !output_gain_allowed))
        return n.fail("internal error: ADD rescale factor quantized to a left shift");
    quantized_activation_range<T>(act, out.scale(), out.zero_point(), q.act_min, q.act_max);
    return status::ok();
}

inline status prepare_add(node& n) {
    namespace f = schema::add_options_field;
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::add_options));
    auto& d = n.emplace<add_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    const int8_t act = option<int8_t>(n, f::fused_activation_function, 0);
    FLATNN_TRY(check_activation(n, act));
    switch (n.in(0).type) {
        case dtype::float32:
            float_activation_range(act, d.act_min, d.act_max);
            n.invoke = add_invoke_float;
            return status::ok();
        case dtype::int8:
            FLATNN_TRY(setup_add_quant<int8_t>(n, act, d.q));
            n.invoke = add_invoke_quantized<int8_t>;
            return status::ok();
        case dtype::uint8:
            FLATNN_TRY(setup_add_quant<uint8_t>(n, act, d.q));
            n.invoke = add_invoke_quantized<uint8_t>;
            return status::ok();
        case dtype::int16:
            FLATNN_TRY(check_int16_zero_points(n));
            FLATNN_TRY(expect_quantized(n, n.in(0), "input 0"));
            FLATNN_TRY(expect_quantized(n, n.in(1), "input 1"));
            FLATNN_TRY(expect_quantized(n, n.out(0), "output"));
            if (int16_pot_form(n, pot_scale_int16_option(n, f::pot_scale_int16))) {
                if (n.in(0).dims != n.in(1).dims)  // TFLite's kernel would read past the smaller input
                    return n.fail("the int16 power-of-two-scale form does not broadcast (inputs " +
                                  n.in(0).dims.str() + " and " + n.in(1).dims.str() + ")");
                FLATNN_TRY(setup_add_pot_int16(n, act, d.pot));
                n.invoke = add_invoke_pot_int16;
                return status::ok();
            }
            FLATNN_TRY(setup_add_quant<int16_t>(n, act, d.q));
            n.invoke = add_invoke_quantized<int16_t>;
            return status::ok();
        case dtype::int32:  // counters of converted loops
            FLATNN_TRY(prepare_clamped_binary<int32_t>(n, act));
            n.invoke = clamped_binary_invoke<int32_t, reference::add_fn>;
            return status::ok();
        case dtype::int64:
            FLATNN_TRY(prepare_clamped_binary<int64_t>(n, act));
            n.invoke = clamped_binary_invoke<int64_t, reference::add_fn>;
            return status::ok();
        default:
            return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
