#pragma once
// UNIDIRECTIONAL_SEQUENCE_LSTM: checks the 20 or 24 inputs (optional ones omitted as -1: CIFG, peepholes,
// projection, layer norm; tflite-format.md §8), the variable state tensors and the options; sets the output
// shape, the weight pointers and the scratch. Three forms: float32; hybrid (float32 input and states, int8
// weights with one scale each); full integer 8x8_16 (int8 input/output state, int16 cell state, the operator's
// 5 intermediates carrying the gate and hidden scales).
#include <cmath>
#include <type_traits>
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/unidirectional_sequence_lstm.hpp"
#include "flatnn/reference/unidirectional_sequence_lstm_hybrid.hpp"
#include "flatnn/reference/unidirectional_sequence_lstm_integer.hpp"

namespace flatnn::ops {

struct unidirectional_sequence_lstm_data : node_data {
    reference::lstm_float_params p;
    std::vector<float> scratch;
};

// Weight pointers are taken at invoke: a non-constant weight gets its arena address after prepare.
inline reference::lstm_float_weights lstm_float_weights_of(const node& n) {
    auto at = [&](size_t slot) { return n.has_input(slot) ? n.in(slot).data_as<float>() : nullptr; };
    reference::lstm_float_weights w;
    for (size_t g = 0; g < 4; ++g) {
        w.input_w[g] = at(1 + g);
        w.recurrent_w[g] = at(5 + g);
        w.bias[g] = at(12 + g);
        w.layer_norm[g] = at(20 + g);
    }
    w.peephole[0] = at(9);
    w.peephole[1] = at(10);
    w.peephole[3] = at(11);
    w.projection_w = at(16);
    w.projection_b = at(17);
    return w;
}

inline status unidirectional_sequence_lstm_invoke_float(node& n) {
    auto& d = n.get<unidirectional_sequence_lstm_data>();
    reference::unidirectional_sequence_lstm_float(d.p, lstm_float_weights_of(n), n.in(0).data_as<float>(),
                                                  n.in(18).data_as<float>(), n.in(19).data_as<float>(),
                                                  n.out(0).data_as<float>(), d.scratch.data());
    return status::ok();
}

namespace lstm_detail {

// Input slots (tflite-format.md §8, UNIDIRECTIONAL_SEQUENCE_LSTM).
enum : size_t {
    input = 0, input_w = 1, recurrent_w = 5, peephole_i = 9, peephole_f = 10, peephole_o = 11, bias = 12,
    projection_w = 16, projection_b = 17, output_state = 18, cell_state = 19, layer_norm = 20
};

inline const char* const input_names[24] = {
    "input", "input_to_input_weights", "input_to_forget_weights", "input_to_cell_weights",
    "input_to_output_weights", "recurrent_to_input_weights", "recurrent_to_forget_weights",
    "recurrent_to_cell_weights", "recurrent_to_output_weights", "cell_to_input_weights", "cell_to_forget_weights",
    "cell_to_output_weights", "input_gate_bias", "forget_gate_bias", "cell_gate_bias", "output_gate_bias",
    "projection_weights", "projection_bias", "output_state", "cell_state", "input_layer_norm_coefficients",
    "forget_layer_norm_coefficients", "cell_layer_norm_coefficients", "output_layer_norm_coefficients"};

// A present input must have the given type and exactly the given dimensions.
inline status expect_shape(const node& n, size_t slot, dtype type, std::initializer_list<int32_t> dims) {
    const tensor& t = n.in(slot);
    const char* role = input_names[slot];
    if (t.type != type)
        return n.fail(std::string(role) + " has type " + dtype_name(t.type) + ", expected " + dtype_name(type) +
                      " (input type " + dtype_name(n.in(0).type) + ")");
    bool same = t.dims.rank() == int(dims.size());
    int k = 0;
    for (int32_t v : dims) same = same && t.dims[k++] == v;
    if (!same) {
        std::string want = "[";
        for (int32_t v : dims) want += (want.size() > 1 ? "," : "") + std::to_string(v);
        return n.fail(std::string(role) + " has shape " + t.dims.str() + ", expected " + want + "]");
    }
    return status::ok();
}

inline status expect_float_shape(const node& n, size_t slot, std::initializer_list<int32_t> dims) {
    return expect_shape(n, slot, dtype::float32, dims);
}

// One finite positive scale (per-tensor quantization): TFLite's LSTM kernels read only a tensor's first scale.
inline status per_tensor_scale(const node& n, const tensor& t, const std::string& role, float& scale) {
    if (!t.quant || t.quant->empty()) return n.fail(role + " has no quantization parameters");
    if (t.quant->per_channel())
        return n.fail(role + " has " + std::to_string(t.quant->channels()) +
                      " scales (per-channel); the LSTM kernels take one scale per tensor");
    scale = t.quant->scale[0];
    if (!(scale > 0.0f) || !std::isfinite(scale))
        return n.fail(role + " has scale " + std::to_string(scale) + ", expected a finite positive value");
    return status::ok();
}

inline int32_t zero_point_of(const tensor& t) {
    return t.quant && !t.quant->zero_point.empty() ? t.quant->zero_point_at(0) : 0;
}

inline status expect_variable(const node& n, size_t slot) {
    if (!n.has_input(slot)) return n.fail(std::string(input_names[slot]) + " is required but omitted (-1)");
    if (!n.in(slot).is_variable)
        return n.fail(std::string(input_names[slot]) + " must be a variable tensor (it carries the state between steps)");
    return status::ok();
}

}  // namespace lstm_detail

struct unidirectional_sequence_lstm_hybrid_data : node_data {
    reference::lstm_hybrid_params p;
    float input_scale[4] = {1, 1, 1, 1}, recurrent_scale[4] = {1, 1, 1, 1}, peephole_scale[4] = {1, 1, 1, 1};
    float projection_scale = 1.0f;
    std::vector<float> floats;
    std::vector<int8_t> bytes;
};

inline status unidirectional_sequence_lstm_invoke_hybrid(node& n) {
    auto& d = n.get<unidirectional_sequence_lstm_hybrid_data>();
    auto i8 = [&](size_t slot) { return n.has_input(slot) ? n.in(slot).data_as<int8_t>() : nullptr; };
    auto f32 = [&](size_t slot) { return n.has_input(slot) ? n.in(slot).data_as<float>() : nullptr; };
    reference::lstm_hybrid_weights w;
    for (size_t g = 0; g < 4; ++g) {
        w.input_w[g] = i8(1 + g);
        w.recurrent_w[g] = i8(5 + g);
        w.bias[g] = f32(12 + g);
        w.layer_norm[g] = f32(20 + g);
        w.input_scale[g] = d.input_scale[g];
        w.recurrent_scale[g] = d.recurrent_scale[g];
        w.peephole_scale[g] = d.peephole_scale[g];
    }
    w.peephole[0] = i8(9);
    w.peephole[1] = i8(10);
    w.peephole[3] = i8(11);
    w.projection_w = i8(16);
    w.projection_b = f32(17);
    w.projection_scale = d.projection_scale;
    reference::unidirectional_sequence_lstm_hybrid(d.p, w, n.in(0).data_as<float>(), n.in(18).data_as<float>(),
                                                   n.in(19).data_as<float>(), n.out(0).data_as<float>(),
                                                   d.floats.data(), d.bytes.data());
    return status::ok();
}

// Hybrid: every int8 matrix and peephole vector needs one scale (zero point 0, as TFLite's symmetric weight
// quantization writes it); the options say how inputs are quantized.
inline status prepare_unidirectional_sequence_lstm_hybrid(node& n, const reference::lstm_float_params& p,
                                                          bool peephole) {
    namespace s = lstm_detail;
    namespace f = schema::unidirectional_sequence_lstm_options_field;
    auto& d = n.emplace<unidirectional_sequence_lstm_hybrid_data>();
    auto scale_of = [&](size_t slot, float& out) -> status {
        const tensor& t = n.in(slot);
        FLATNN_TRY(s::per_tensor_scale(n, t, s::input_names[slot], out));
        if (s::zero_point_of(t) != 0)
            return n.fail(std::string(s::input_names[slot]) + " has zero point " +
                          std::to_string(s::zero_point_of(t)) + "; hybrid LSTM weights are symmetric (zero point 0)");
        return status::ok();
    };
    for (int g = 0; g < 4; ++g) {
        if (g == 0 && p.cifg) continue;
        FLATNN_TRY(scale_of(s::input_w + g, d.input_scale[g]));
        FLATNN_TRY(scale_of(s::recurrent_w + g, d.recurrent_scale[g]));
    }
    if (peephole) {
        const size_t slots[4] = {s::peephole_i, s::peephole_f, 0, s::peephole_o};
        for (int g : {0, 1, 3}) {
            if (g == 0 && p.cifg) continue;
            FLATNN_TRY(scale_of(slots[g], d.peephole_scale[g]));
        }
    }
    if (n.has_input(s::projection_w)) FLATNN_TRY(scale_of(s::projection_w, d.projection_scale));
    d.p.f = p;
    d.p.asymmetric = option<bool>(n, f::asymmetric_quantize_inputs, false);
    FLATNN_TRY(check_scratch(n, uint64_t(reference::lstm_hybrid_scratch_floats(d.p)), sizeof(float), "gate scratch"));
    FLATNN_TRY(check_scratch(n, uint64_t(reference::lstm_hybrid_scratch_bytes(d.p)), 1, "quantized rows"));
    d.floats.assign(size_t(reference::lstm_hybrid_scratch_floats(d.p)), 0.0f);
    d.bytes.assign(size_t(reference::lstm_hybrid_scratch_bytes(d.p)), 0);
    n.invoke = unidirectional_sequence_lstm_invoke_hybrid;
    return status::ok();
}

struct unidirectional_sequence_lstm_integer_data : node_data {
    reference::lstm_int_params p;
    std::vector<int32_t> s32;
    std::vector<int16_t> s16;
    std::vector<int8_t> s8;
};

inline status unidirectional_sequence_lstm_invoke_integer(node& n) {
    auto& d = n.get<unidirectional_sequence_lstm_integer_data>();
    auto at = [&](size_t slot, auto* type) {
        using T = std::remove_pointer_t<decltype(type)>;
        return n.has_input(slot) ? n.in(slot).data_as<T>() : nullptr;
    };
    reference::lstm_int_weights w;
    for (size_t g = 0; g < 4; ++g) {
        w.input_w[g] = at(1 + g, (int8_t*)nullptr);
        w.recurrent_w[g] = at(5 + g, (int8_t*)nullptr);
        w.bias[g] = at(12 + g, (int32_t*)nullptr);
        w.layer_norm[g] = at(20 + g, (int16_t*)nullptr);
    }
    w.peephole[0] = at(9, (int16_t*)nullptr);
    w.peephole[1] = at(10, (int16_t*)nullptr);
    w.peephole[3] = at(11, (int16_t*)nullptr);
    w.projection_w = at(16, (int8_t*)nullptr);
    w.projection_b = at(17, (int32_t*)nullptr);
    reference::unidirectional_sequence_lstm_integer(d.p, w, n.in(0).data_as<int8_t>(), n.in(18).data_as<int8_t>(),
                                                    n.in(19).data_as<int16_t>(), n.out(0).data_as<int8_t>(),
                                                    d.s32.data(), d.s16.data(), d.s8.data());
    return status::ok();
}

// Integer 8x8_16 (TFLite's PopulateQuantizedLstmParams8x8_16): effective scales of each matmul into the gate
// scale (2^-12 without layer norm, intermediates 0..3 with it), the hidden scale (intermediate 4), the
// projection, the peepholes (cell scale 2^k) and the layer norm coefficients; all in float as TFLite
// computes them, then split into multiplier and shift.
inline status prepare_unidirectional_sequence_lstm_integer(node& n, const reference::lstm_float_params& fp,
                                                           bool peephole) {
    namespace s = lstm_detail;
    using fixed_point::quantize_multiplier;
    const int32_t C = fp.cells, P = fp.output_size;
    if (n.intermediates.size() != 5)
        return n.fail("the integer LSTM needs 5 intermediates (gate and hidden quantization), the model gives " +
                      std::to_string(n.intermediates.size()));
    float inter_scale[5];
    int32_t inter_zp[5];
    for (int k = 0; k < 5; ++k) {
        const std::string role = "intermediate " + std::to_string(k);
        if (k < 4 && !fp.layer_norm) {
            inter_scale[k] = float(std::pow(2.0, -12.0));
            inter_zp[k] = 0;
            continue;
        }
        if (!n.intermediates[size_t(k)]) return n.fail(role + " is omitted (-1)");
        FLATNN_TRY(s::per_tensor_scale(n, *n.intermediates[size_t(k)], role, inter_scale[k]));
        inter_zp[k] = s::zero_point_of(*n.intermediates[size_t(k)]);
        if (inter_zp[k] < -128 || inter_zp[k] > 127)
            return n.fail(role + " has zero point " + std::to_string(inter_zp[k]) + ", outside int8");
    }
    float in_scale, out_state_scale, cell_scale;
    FLATNN_TRY(s::per_tensor_scale(n, n.in(s::input), "input", in_scale));
    FLATNN_TRY(s::per_tensor_scale(n, n.in(s::output_state), "output_state", out_state_scale));
    FLATNN_TRY(s::per_tensor_scale(n, n.in(s::cell_state), "cell_state", cell_scale));
    float out_scale;
    FLATNN_TRY(s::per_tensor_scale(n, n.out(0), "output", out_scale));
    const float log2_cell = std::log(cell_scale) * (1.0f / std::log(2.0f));
    const float log2_rounded = std::round(log2_cell);
    if (!(std::fabs(log2_cell - log2_rounded) < 1e-3f))
        return n.fail("cell_state scale " + std::to_string(cell_scale) + " is not a power of two");
    const int cell_log2 = int(log2_rounded);
    if (cell_log2 < -15 || cell_log2 > -9)
        return n.fail("cell_state scale 2^" + std::to_string(cell_log2) +
                      " is outside [2^-15, 2^-9] (the tanh of the cell state takes 0..6 integer bits)");
    if (peephole && P != C)
        return n.fail("peephole weights with a projection to " + std::to_string(P) + " outputs from " +
                      std::to_string(C) +
                      " cells: TFLite's integer peephole reads output_size elements, not supported");

    reference::lstm_int_params p;
    p.batches = fp.batches, p.steps = fp.steps, p.input_size = fp.input_size, p.cells = C, p.output_size = P;
    p.time_major = fp.time_major, p.cifg = fp.cifg, p.layer_norm = fp.layer_norm;
    p.input_zp = s::zero_point_of(n.in(s::input));
    p.output_state_zp = s::zero_point_of(n.in(s::output_state));
    if (p.input_zp < -128 || p.input_zp > 127 || p.output_state_zp < -128 || p.output_state_zp > 127)
        return n.fail("input and output_state zero points must lie in int8");
    p.hidden_zp = inter_zp[4];
    p.cell_scale_log2 = cell_log2;
    const size_t peep_slots[4] = {s::peephole_i, s::peephole_f, 0, s::peephole_o};
    for (int g = 0; g < 4; ++g) {
        if (g == 0 && fp.cifg) continue;
        float wi, wr;
        FLATNN_TRY(s::per_tensor_scale(n, n.in(s::input_w + g), s::input_names[s::input_w + g], wi));
        FLATNN_TRY(s::per_tensor_scale(n, n.in(s::recurrent_w + g), s::input_names[s::recurrent_w + g], wr));
        const float eff_in = wi * in_scale / inter_scale[g];
        const float eff_rec = wr * out_state_scale / inter_scale[g];
        quantize_multiplier(double(eff_in), p.input_mul[g], p.input_shift[g]);
        quantize_multiplier(double(eff_rec), p.recurrent_mul[g], p.recurrent_shift[g]);
        if (peephole && g != reference::lstm_cell) {
            float wp;
            FLATNN_TRY(s::per_tensor_scale(n, n.in(peep_slots[g]), s::input_names[peep_slots[g]], wp));
            const float eff = float(std::pow(2.0, double(cell_log2)) * double(wp) / double(inter_scale[g]));
            quantize_multiplier(double(eff), p.peephole_mul[g], p.peephole_shift[g]);
        }
        float ln_scale = 1.0f;
        if (fp.layer_norm)
            FLATNN_TRY(s::per_tensor_scale(n, n.in(s::layer_norm + g), s::input_names[s::layer_norm + g], ln_scale));
        quantize_multiplier(double(ln_scale), p.ln_mul[g], p.ln_shift[g]);
        // The kernel shifts left by the scale's exponent + 12: beyond 31 bits that is no arithmetic at all.
        if (p.ln_shift[g] + 12 > 31)
            return n.fail(std::string(s::input_names[s::layer_norm + g]) + " has scale " + std::to_string(ln_scale) +
                          ", too large for the integer layer norm (at most 2^19)");
        const float guard = 10000.0f * ln_scale;  // (saturated where the int32 conversion would be undefined)
        p.ln_guard[g] = guard >= 2147483648.0f ? INT32_MAX : std::max(int32_t(1), int32_t(guard));
    }
    const float eff_hidden = float(std::pow(2.0, -15.0) / double(inter_scale[4]) * std::pow(2.0, -15.0));
    quantize_multiplier(double(eff_hidden), p.hidden_mul, p.hidden_shift);
    if (n.has_input(s::projection_w)) {
        float wp;
        FLATNN_TRY(s::per_tensor_scale(n, n.in(s::projection_w), "projection_weights", wp));
        quantize_multiplier(double(wp * inter_scale[4] / out_state_scale), p.proj_mul, p.proj_shift);
    }
    if (fp.cell_clip > 0.0f)
        p.cell_clip = int16_t(std::min(std::max(fp.cell_clip / cell_scale, -32768.0f), 32767.0f));
    if (fp.proj_clip > 0.0f)
        p.proj_clip = int8_t(std::min(std::max(fp.proj_clip / out_scale, -128.0f), 127.0f));
    // TFLite's integer kernel applies tanh whatever fused_activation_function says; so does this one.
    auto& d = n.emplace<unidirectional_sequence_lstm_integer_data>();
    d.p = p;
    FLATNN_TRY(check_scratch(n, uint64_t(reference::lstm_int_scratch32(p)), 4, "effective biases"));
    FLATNN_TRY(check_scratch(n, uint64_t(reference::lstm_int_scratch16(p)), 2, "gate scratch"));
    d.s32.assign(size_t(reference::lstm_int_scratch32(p)), 0);
    d.s16.assign(size_t(reference::lstm_int_scratch16(p)), 0);
    d.s8.assign(size_t(reference::lstm_int_scratch8(p)), 0);
    n.invoke = unidirectional_sequence_lstm_invoke_integer;
    return status::ok();
}

inline status prepare_unidirectional_sequence_lstm(node& n) {
    namespace f = schema::unidirectional_sequence_lstm_options_field;
    namespace s = lstm_detail;
    if (n.inputs.size() != 20 && n.inputs.size() != 24)
        return n.fail("takes 24 inputs (20 in older files), the model gives " + std::to_string(n.inputs.size()));
    if (n.outputs.size() != 1) return n.fail("has 1 output, the model gives " + std::to_string(n.outputs.size()));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::unidirectional_sequence_lstm_options));
    for (size_t slot : {size_t(0), size_t(2), size_t(3), size_t(4), size_t(6), size_t(7), size_t(8), size_t(13),
                        size_t(14), size_t(15)})
        if (!n.has_input(slot)) return n.fail(std::string(s::input_names[slot]) + " is required but omitted (-1)");
    FLATNN_TRY(s::expect_variable(n, s::output_state));
    FLATNN_TRY(s::expect_variable(n, s::cell_state));

    const tensor& in = n.in(s::input);
    if (in.type != dtype::float32 && in.type != dtype::int8)
        return n.fail(std::string("input has type ") + dtype_name(in.type) +
                      ", expected float32 (float or hybrid LSTM) or int8 (integer 8x8_16 LSTM)");
    FLATNN_TRY(expect_rank(n, in, 3, "input"));
    if (option<bool>(n, f::diagonal_recurrent_tensors, false))
        return n.fail("diagonal_recurrent_tensors is not supported");
    const int8_t act = option<int8_t>(n, f::fused_activation_function, 0);
    if (act < 0 || act > 4) return n.fail("fused activation " + std::to_string(act) + " is not supported");
    const float cell_clip = option<float>(n, f::cell_clip, 0.0f), proj_clip = option<float>(n, f::proj_clip, 0.0f);
    if (!(cell_clip >= 0.0f) || !(proj_clip >= 0.0f))
        return n.fail("cell_clip and proj_clip must be >= 0, the model gives " + std::to_string(cell_clip) + " and " +
                      std::to_string(proj_clip));

    reference::lstm_float_params p;
    p.time_major = option<bool>(n, f::time_major, false);
    p.steps = in.dims[p.time_major ? 0 : 1];
    p.batches = in.dims[p.time_major ? 1 : 0];
    p.input_size = in.dims[2];
    const tensor& forget_w = n.in(s::input_w + 1);
    if (forget_w.dims.rank() != 2)
        return n.fail("input_to_forget_weights has shape " + forget_w.dims.str() + ", expected [cells, input_size]");
    p.cells = forget_w.dims[0];
    const bool projection = n.has_input(s::projection_w);
    if (!projection && n.has_input(s::projection_b)) return n.fail("projection_bias is given without projection_weights");
    if (projection && n.in(s::projection_w).dims.rank() != 2)
        return n.fail("projection_weights has shape " + n.in(s::projection_w).dims.str() + ", expected [output_size, cells]");
    p.output_size = projection ? n.in(s::projection_w).dims[0] : p.cells;
    const int32_t C = p.cells, I = p.input_size, P = p.output_size;
    if (C <= 0 || P <= 0) return n.fail("cells and output size must be positive");

    p.cifg = !n.has_input(s::input_w);
    if (n.has_input(s::recurrent_w) == p.cifg || n.has_input(s::bias) == p.cifg)
        return n.fail("input gate: input_to_input_weights, recurrent_to_input_weights and input_gate_bias must be all "
                      "given or all omitted (CIFG)");
    const bool peephole = n.has_input(s::peephole_f);
    if (n.has_input(s::peephole_o) != peephole || (n.has_input(s::peephole_i) != (peephole && !p.cifg)))
        return n.fail("peephole weights must be all given (cell_to_input only without CIFG) or all omitted");
    p.layer_norm = n.inputs.size() == 24 && n.has_input(s::layer_norm + 1);
    for (int g = 0; g < 4 && n.inputs.size() == 24; ++g)
        if (n.has_input(s::layer_norm + g) != (p.layer_norm && !(g == 0 && p.cifg)))
            return n.fail("layer norm coefficients must be all given (the input gate's only without CIFG) or all omitted");
    // Types per form: float32 everything; hybrid: int8 matrices and peepholes, float the rest; integer: int8
    // matrices, int16 peepholes and layer norm, int32 biases, int8 output state, int16 cell state.
    const bool integer = in.type == dtype::int8;
    const bool hybrid = !integer && forget_w.type == dtype::int8;
    const dtype matrix_t = integer || hybrid ? dtype::int8 : dtype::float32;
    const dtype peephole_t = integer ? dtype::int16 : matrix_t;
    const dtype bias_t = integer ? dtype::int32 : dtype::float32;
    const dtype ln_t = integer ? dtype::int16 : dtype::float32;
    for (int g = 0; g < 4; ++g) {
        if (g == 0 && p.cifg) continue;
        FLATNN_TRY(s::expect_shape(n, s::input_w + g, matrix_t, {C, I}));
        FLATNN_TRY(s::expect_shape(n, s::recurrent_w + g, matrix_t, {C, P}));
        FLATNN_TRY(s::expect_shape(n, s::bias + g, bias_t, {C}));
        if (p.layer_norm) {
            FLATNN_TRY(s::expect_shape(n, s::layer_norm + g, ln_t, {C}));
        }
    }
    if (peephole) {
        const size_t slots[4] = {s::peephole_i, s::peephole_f, 0, s::peephole_o};
        for (int g : {0, 1, 3}) {
            if (g == 0 && p.cifg) continue;
            FLATNN_TRY(s::expect_shape(n, slots[g], peephole_t, {C}));
        }
    }
    if (projection) {
        FLATNN_TRY(s::expect_shape(n, s::projection_w, matrix_t, {P, C}));
        if (n.has_input(s::projection_b)) {
            FLATNN_TRY(s::expect_shape(n, s::projection_b, bias_t, {P}));
        }
    }
    FLATNN_TRY(s::expect_shape(n, s::output_state, integer ? dtype::int8 : dtype::float32, {p.batches, P}));
    FLATNN_TRY(s::expect_shape(n, s::cell_state, integer ? dtype::int16 : dtype::float32, {p.batches, C}));
    n.out(0).dims = p.time_major ? shape{p.steps, p.batches, P} : shape{p.batches, p.steps, P};
    FLATNN_TRY(expect_type(n, n.out(0), integer ? dtype::int8 : dtype::float32, "output"));

    p.activation = act;
    p.cell_clip = cell_clip;
    p.proj_clip = proj_clip;
    if (hybrid) return prepare_unidirectional_sequence_lstm_hybrid(n, p, peephole);
    if (integer) return prepare_unidirectional_sequence_lstm_integer(n, p, peephole);
    FLATNN_TRY(check_scratch(n, uint64_t(reference::lstm_float_scratch_size(p)), sizeof(float), "gate scratch"));
    auto& d = n.emplace<unidirectional_sequence_lstm_data>();
    d.scratch.assign(size_t(reference::lstm_float_scratch_size(p)), 0.0f);
    d.p = p;
    n.invoke = unidirectional_sequence_lstm_invoke_float;
    return status::ok();
}

}  // namespace flatnn::ops
