#pragma once
// UNIDIRECTIONAL_SEQUENCE_LSTM: checks the 20 or 24 inputs (optional ones omitted as -1: CIFG, peepholes,
// projection, layer norm; tflite-format.md §8), the variable state tensors and the options; sets the output
// shape, the weight pointers and the scratch. float32 only: int8 (8x8_16) and hybrid weights are refused.
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/unidirectional_sequence_lstm.hpp"

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

// A present input must be float32 with exactly the given dimensions.
inline status expect_float_shape(const node& n, size_t slot, std::initializer_list<int32_t> dims) {
    const tensor& t = n.in(slot);
    const char* role = input_names[slot];
    if (t.type != dtype::float32)
        return n.fail(std::string(role) + " has type " + dtype_name(t.type) +
                      (t.type == dtype::int8 ? " with a float32 input (hybrid LSTM), which is not supported"
                                             : ", expected float32"));
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

inline status expect_variable(const node& n, size_t slot) {
    if (!n.has_input(slot)) return n.fail(std::string(input_names[slot]) + " is required but omitted (-1)");
    if (!n.in(slot).is_variable)
        return n.fail(std::string(input_names[slot]) + " must be a variable tensor (it carries the state between steps)");
    return status::ok();
}

}  // namespace lstm_detail

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
    if (in.type == dtype::int8 || in.type == dtype::int16)
        return n.fail(std::string("input type ") + dtype_name(in.type) + ": the integer LSTM is not supported");
    FLATNN_TRY(expect_type(n, in, dtype::float32, "input"));
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

    for (int g = 0; g < 4; ++g) {
        if (g == 0 && p.cifg) continue;
        FLATNN_TRY(s::expect_float_shape(n, s::input_w + g, {C, I}));
        FLATNN_TRY(s::expect_float_shape(n, s::recurrent_w + g, {C, P}));
        FLATNN_TRY(s::expect_float_shape(n, s::bias + g, {C}));
        if (p.layer_norm) {
            FLATNN_TRY(s::expect_float_shape(n, s::layer_norm + g, {C}));
        }
    }
    if (peephole) {
        const size_t slots[4] = {s::peephole_i, s::peephole_f, 0, s::peephole_o};
        for (int g : {0, 1, 3}) {
            if (g == 0 && p.cifg) continue;
            FLATNN_TRY(s::expect_float_shape(n, slots[g], {C}));
        }
    }
    if (projection) {
        FLATNN_TRY(s::expect_float_shape(n, s::projection_w, {P, C}));
        if (n.has_input(s::projection_b)) {
            FLATNN_TRY(s::expect_float_shape(n, s::projection_b, {P}));
        }
    }
    FLATNN_TRY(s::expect_float_shape(n, s::output_state, {p.batches, P}));
    FLATNN_TRY(s::expect_float_shape(n, s::cell_state, {p.batches, C}));

    p.activation = act;
    p.cell_clip = cell_clip;
    p.proj_clip = proj_clip;
    FLATNN_TRY(check_scratch(n, uint64_t(reference::lstm_float_scratch_size(p)), sizeof(float), "gate scratch"));
    auto& d = n.emplace<unidirectional_sequence_lstm_data>();
    d.scratch.assign(size_t(reference::lstm_float_scratch_size(p)), 0.0f);
    d.p = p;
    n.out(0).dims = p.time_major ? shape{p.steps, p.batches, P} : shape{p.batches, p.steps, P};
    FLATNN_TRY(expect_type(n, n.out(0), dtype::float32, "output"));
    n.invoke = unidirectional_sequence_lstm_invoke_float;
    return status::ok();
}

}  // namespace flatnn::ops
