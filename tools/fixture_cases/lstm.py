"""UNIDIRECTIONAL_SEQUENCE_LSTM (issue #8). The converter (TensorFlow 2.21 with Keras 3) no longer fuses a
Keras LSTM layer into this op (it emits a WHILE loop), so each case is written directly as a one-op model, in
three forms (float32; hybrid: int8 weights; int8: the full integer 8x8_16 kernel with its intermediates):
random constant weights, the 24 inputs with -1 for the omitted ones, output and cell state as variable
tensors. The options cover CIFG, peepholes, projection (with bias), layer norm, cell/projection clipping,
time_major both ways and the fused activation. Expected outputs come from TensorFlow Lite."""

import zlib

import numpy as np




def lstm_model(g, name, batch, time, features, cells, proj=None, proj_bias=False, cifg=False, peephole=False,
               layer_norm=False, cell_clip=0.0, proj_clip=0.0, time_major=False, activation="TANH",
               form="float32", asymmetric=False):
    """Patch that replaces the placeholder model with a hand-built UNIDIRECTIONAL_SEQUENCE_LSTM.
    form float32: all float. hybrid: float input, states, biases and layer norm; int8 weight matrices and
    peepholes, symmetric with one scale each (as TFLite's dynamic-range quantizer writes them).
    int8 (8x8_16): int8 input/output state, int16 cell state (scale 2^-11), int8 matrices, int32 biases (at
    input x weight scale, or at the layer-norm coefficient scale / 1024 with layer norm), int16 peepholes and
    layer-norm coefficients, and the 5 intermediates (gate matmul scales, used with layer norm; hidden state)."""

    def patch(m):
        rng = np.random.default_rng(zlib.crc32(name.encode()))
        out_size = proj or cells
        in_shape = [time, batch, features] if time_major else [batch, time, features]
        out_shape = [time, batch, out_size] if time_major else [batch, time, out_size]
        integer, hybrid = form == "int8", form == "hybrid"
        # Integer scales: input ~[-1, 1]; hidden h = o * tanh(c) in (-1, 1); projected output ~[-2, 2].
        in_q = (2.0 / 255.0, -1)
        hidden_q = (1.0 / 128.0, 3 if proj else 0)
        state_q = (2.5 / 128.0, -2) if proj else (1.0 / 128.0, 0)
        cell_scale = 2.0 ** -11
        gate_scales = [0.00031, 0.00027, 0.00035, 0.00029]  # intermediates 0..3 (pre-layer-norm gate sums)
        tensors = [{"shape": in_shape, "type": "INT8" if integer else "FLOAT32", "buffer": 0, "name": "input_0"}]
        if integer:
            tensors[0]["quantization"] = {"scale": [in_q[0]], "zero_point": [in_q[1]]}
        buffers = [{}]

        def add(tname, shape, dtype, data=None, quant=None, variable=False):
            t = {"shape": list(shape), "type": dtype, "buffer": 0, "name": tname}
            if data is not None:
                buffers.append({"data": list(data.tobytes())})
                t["buffer"] = len(buffers) - 1
            if quant is not None:
                t["quantization"] = {"scale": [float(quant[0])], "zero_point": [int(quant[1])]}
            if variable:
                t["is_variable"] = True
            tensors.append(t)
            return len(tensors) - 1

        def const(tname, shape, lo=-0.7, hi=0.7):
            return add(tname, shape, "FLOAT32", rng.uniform(lo, hi, shape).astype(np.float32))

        def int8_weights(tname, shape, lo=-0.7, hi=0.7):
            v = rng.uniform(lo, hi, shape).astype(np.float32)
            scale = float(np.max(np.abs(v))) / 127.0
            q = np.clip(np.round(v / scale), -127, 127).astype(np.int8)
            return add(tname, shape, "INT8", q, (scale, 0)), scale

        def int16_const(tname, shape, lo, hi):
            v = rng.uniform(lo, hi, shape).astype(np.float32)
            scale = float(np.max(np.abs(v))) / 32767.0
            q = np.clip(np.round(v / scale), -32767, 32767).astype(np.int16)
            return add(tname, shape, "INT16", q, (scale, 0)), scale

        def int32_const(tname, shape, scale):
            v = rng.uniform(-0.7, 0.7, shape)
            return add(tname, shape, "INT32", np.round(v / scale).astype(np.int32), (scale, 0))

        gates = ("input", "forget", "cell", "output")
        ins = [0]
        w_in_scale, ln_scale = {}, {}
        for gt in gates:
            if cifg and gt == "input":
                ins.append(-1)
            elif integer or hybrid:
                idx, w_in_scale[gt] = int8_weights("input_to_%s_w" % gt, (cells, features))
                ins.append(idx)
            else:
                ins.append(const("input_to_%s_w" % gt, (cells, features)))
        for gt in gates:
            if cifg and gt == "input":
                ins.append(-1)
            elif integer or hybrid:
                ins.append(int8_weights("recurrent_to_%s_w" % gt, (cells, out_size))[0])
            else:
                ins.append(const("recurrent_to_%s_w" % gt, (cells, out_size)))
        for gt in ("input", "forget", "output"):
            if not peephole or (cifg and gt == "input"):
                ins.append(-1)
            elif integer:
                ins.append(int16_const("cell_to_%s_w" % gt, (cells,), -0.7, 0.7)[0])
            elif hybrid:
                ins.append(int8_weights("cell_to_%s_w" % gt, (cells,))[0])
            else:
                ins.append(const("cell_to_%s_w" % gt, (cells,)))
        ln_idx = {}

        def layer_norm_coefficients():
            for gt in gates:
                if layer_norm and not (cifg and gt == "input"):
                    if integer:
                        ln_idx[gt], ln_scale[gt] = int16_const("%s_layer_norm" % gt, (cells,), 0.5, 1.5)
                    else:
                        ln_idx[gt] = const("%s_layer_norm" % gt, (cells,), 0.5, 1.5)

        if integer:  # an integer layer-norm bias is at the coefficients' scale / 1024: they come first
            layer_norm_coefficients()
        for gt in gates:
            if cifg and gt == "input":
                ins.append(-1)
            elif integer:
                scale = ln_scale[gt] / 1024.0 if layer_norm else in_q[0] * w_in_scale[gt]
                ins.append(int32_const("%s_gate_bias" % gt, (cells,), scale))
            else:
                ins.append(const("%s_gate_bias" % gt, (cells,)))
        proj_w_scale = None
        if proj and (integer or hybrid):
            idx, proj_w_scale = int8_weights("projection_w", (out_size, cells))
            ins.append(idx)
        else:
            ins.append(const("projection_w", (out_size, cells)) if proj else -1)
        if proj and proj_bias:
            ins.append(int32_const("projection_bias", (out_size,), proj_w_scale * hidden_q[0]) if integer
                       else const("projection_bias", (out_size,)))
        else:
            ins.append(-1)
        if integer:
            ins += [add("output_state", (batch, out_size), "INT8", quant=state_q, variable=True),
                    add("cell_state", (batch, cells), "INT16", quant=(cell_scale, 0), variable=True)]
        else:
            ins += [add("output_state", (batch, out_size), "FLOAT32", variable=True),
                    add("cell_state", (batch, cells), "FLOAT32", variable=True)]
        if not integer:  # (the float cases keep their original tensor and random-draw order)
            layer_norm_coefficients()
        ins += [ln_idx.get(gt, -1) for gt in gates]
        intermediates = []
        if integer:
            for k, gt in enumerate(gates):
                intermediates.append(add("intermediate_%s" % gt, (), "INT16", quant=(gate_scales[k], 0)))
            intermediates.append(add("intermediate_hidden", (), "INT8", quant=hidden_q))
        out_t = {"shape": out_shape, "type": "INT8" if integer else "FLOAT32", "buffer": 0, "name": "output"}
        if integer:
            out_t["quantization"] = {"scale": [state_q[0]], "zero_point": [state_q[1]]}
        tensors.append(out_t)
        options = {"fused_activation_function": activation, "cell_clip": cell_clip, "proj_clip": proj_clip,
                   "time_major": time_major}
        if hybrid:
            options["asymmetric_quantize_inputs"] = asymmetric
        op = {"opcode_index": 0, "inputs": ins, "outputs": [len(tensors) - 1],
              "builtin_options_type": "UnidirectionalSequenceLSTMOptions", "builtin_options": options}
        if intermediates:
            op["intermediates"] = intermediates
        doc = {
            "version": 3,
            "description": "flatnn gen_fixtures.py (hand-built LSTM)",
            "operator_codes": [{"deprecated_builtin_code": 44, "builtin_code": "UNIDIRECTIONAL_SEQUENCE_LSTM",
                                "version": 3 if integer or hybrid else 1}],
            "subgraphs": [{
                "tensors": tensors, "inputs": [0], "outputs": [len(tensors) - 1], "name": "main",
                "operators": [op]}],
            "buffers": buffers,
        }
        built = g.read_model(g.model_from_json(doc))
        m.__dict__.clear()
        m.__dict__.update(built.__dict__)

    return patch


def placeholder(g):
    """A trivial float graph with the right input shape; the patch replaces it."""

    def make(rng):
        return lambda q, x: [x * 2.0]

    return make


def cases(g):
    C = g.Case
    op = "UNIDIRECTIONAL_SEQUENCE_LSTM"

    def case(name, batch, time, features, cells, form="float32", **kw):
        full = "unidirectional_sequence_lstm_" + name
        shape = (time, batch, features) if kw.get("time_major") else (batch, time, features)
        return C(full, op, [shape], placeholder(g), (form,),
                 patch=lstm_model(g, full if form == "float32" else full + "_" + form, batch, time, features, cells,
                                  form=form, **kw))

    H, I8 = "hybrid", "int8"
    return [
        case("basic", 2, 5, 3, 4),
        case("time_major", 3, 4, 5, 6, time_major=True),
        case("batch1_long", 1, 9, 6, 16),
        case("cifg_peephole", 2, 4, 3, 5, cifg=True, peephole=True),
        case("peephole", 2, 4, 3, 5, peephole=True, cell_clip=0.8),
        case("projection", 2, 5, 4, 6, proj=3, proj_bias=True, proj_clip=0.3, time_major=True),
        case("projection_no_bias", 2, 3, 4, 6, proj=4),
        case("layer_norm", 2, 4, 5, 6, layer_norm=True, peephole=True, proj=4, proj_bias=True),
        case("layer_norm_cifg", 3, 3, 4, 5, layer_norm=True, cifg=True),
        case("relu", 2, 4, 3, 4, activation="RELU", cell_clip=2.0),
        # Hybrid (dynamic range): symmetric and asymmetric on-the-fly input quantization.
        case("basic", 2, 5, 3, 4, form=H),
        case("asymmetric", 2, 5, 6, 8, form=H, asymmetric=True),
        case("time_major_asymmetric", 3, 4, 5, 6, form=H, time_major=True, asymmetric=True),
        case("cifg_peephole", 2, 4, 3, 5, form=H, cifg=True, peephole=True, cell_clip=0.8),
        case("projection", 2, 5, 4, 6, form=H, proj=3, proj_bias=True, proj_clip=0.3, asymmetric=True),
        case("projection_no_bias", 2, 3, 4, 6, form=H, proj=4),
        case("layer_norm", 2, 4, 5, 6, form=H, layer_norm=True, peephole=True, proj=4, proj_bias=True,
             asymmetric=True),
        case("layer_norm_cifg", 3, 3, 4, 5, form=H, layer_norm=True, cifg=True),
        case("wide_asymmetric", 2, 3, 40, 32, form=H, peephole=True, proj=24, proj_bias=True, asymmetric=True),
        # Full integer 8x8_16.
        case("basic", 2, 5, 3, 4, form=I8),
        case("time_major", 3, 4, 5, 6, form=I8, time_major=True, cell_clip=1.5),
        case("layer_norm", 2, 4, 5, 8, form=I8, layer_norm=True),
        case("cifg", 2, 4, 3, 5, form=I8, cifg=True),
        case("layer_norm_cifg", 3, 3, 4, 8, form=I8, layer_norm=True, cifg=True),
        case("peephole", 2, 4, 3, 5, form=I8, peephole=True),
        case("layer_norm_peephole", 2, 4, 3, 8, form=I8, layer_norm=True, peephole=True, cell_clip=0.8),
        case("projection", 2, 5, 4, 6, form=I8, proj=3, proj_bias=True, proj_clip=0.8, time_major=True),
        case("layer_norm_projection", 2, 3, 4, 8, form=I8, layer_norm=True, proj=4),
        case("wide_layer_norm_projection", 2, 3, 40, 32, form=I8, layer_norm=True, proj=24, proj_bias=True,
             time_major=True),
        case("wide", 3, 3, 33, 20, form=I8, cell_clip=2.0),
    ]
