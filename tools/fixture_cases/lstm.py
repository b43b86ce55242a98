"""UNIDIRECTIONAL_SEQUENCE_LSTM (issue #8). The converter (TensorFlow 2.21 with Keras 3) no longer fuses a
Keras LSTM layer into this op (it emits a WHILE loop), so each case is written directly as a one-op model:
random constant weights, the 24 inputs with -1 for the omitted ones, output and cell state as variable
tensors. The options cover CIFG, peepholes, projection (with bias), layer norm, cell/projection clipping,
time_major both ways and the fused activation. Expected outputs come from TensorFlow Lite."""

import zlib

import numpy as np

F = ("float32",)


def lstm_model(g, name, batch, time, features, cells, proj=None, proj_bias=False, cifg=False, peephole=False,
               layer_norm=False, cell_clip=0.0, proj_clip=0.0, time_major=False, activation="TANH"):
    """Patch that replaces the placeholder model with a hand-built UNIDIRECTIONAL_SEQUENCE_LSTM."""

    def patch(m):
        rng = np.random.default_rng(zlib.crc32(name.encode()))
        out_size = proj or cells
        in_shape = [time, batch, features] if time_major else [batch, time, features]
        out_shape = [time, batch, out_size] if time_major else [batch, time, out_size]
        tensors = [{"shape": in_shape, "type": "FLOAT32", "buffer": 0, "name": "input_0"}]
        buffers = [{}]

        def const(tname, shape, lo=-0.7, hi=0.7):
            v = rng.uniform(lo, hi, shape).astype(np.float32)
            buffers.append({"data": list(v.tobytes())})
            tensors.append({"shape": list(shape), "type": "FLOAT32", "buffer": len(buffers) - 1, "name": tname})
            return len(tensors) - 1

        def variable(tname, shape):
            tensors.append({"shape": list(shape), "type": "FLOAT32", "buffer": 0, "name": tname,
                            "is_variable": True})
            return len(tensors) - 1

        gates = ("input", "forget", "cell", "output")
        ins = [0]
        ins += [-1 if cifg and gt == "input" else const("input_to_%s_w" % gt, (cells, features)) for gt in gates]
        ins += [-1 if cifg and gt == "input" else const("recurrent_to_%s_w" % gt, (cells, out_size))
                for gt in gates]
        ins += [const("cell_to_%s_w" % gt, (cells,)) if peephole and not (cifg and gt == "input") else -1
                for gt in ("input", "forget", "output")]
        ins += [-1 if cifg and gt == "input" else const("%s_gate_bias" % gt, (cells,)) for gt in gates]
        ins += [const("projection_w", (out_size, cells)) if proj else -1]
        ins += [const("projection_bias", (out_size,)) if proj and proj_bias else -1]
        ins += [variable("output_state", (batch, out_size)), variable("cell_state", (batch, cells))]
        ins += [const("%s_layer_norm" % gt, (cells,), 0.5, 1.5) if layer_norm and not (cifg and gt == "input")
                else -1 for gt in gates]
        tensors.append({"shape": out_shape, "type": "FLOAT32", "buffer": 0, "name": "output"})
        doc = {
            "version": 3,
            "description": "flatnn gen_fixtures.py (hand-built LSTM)",
            "operator_codes": [{"deprecated_builtin_code": 44, "builtin_code": "UNIDIRECTIONAL_SEQUENCE_LSTM",
                                "version": 1}],
            "subgraphs": [{
                "tensors": tensors, "inputs": [0], "outputs": [len(tensors) - 1], "name": "main",
                "operators": [{"opcode_index": 0, "inputs": ins, "outputs": [len(tensors) - 1],
                               "builtin_options_type": "UnidirectionalSequenceLSTMOptions",
                               "builtin_options": {"fused_activation_function": activation,
                                                   "cell_clip": cell_clip, "proj_clip": proj_clip,
                                                   "time_major": time_major}}]}],
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

    def case(name, batch, time, features, cells, **kw):
        full = "unidirectional_sequence_lstm_" + name
        shape = (time, batch, features) if kw.get("time_major") else (batch, time, features)
        return C(full, op, [shape], placeholder(g), F,
                 patch=lstm_model(g, full, batch, time, features, cells, **kw))

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
    ]
