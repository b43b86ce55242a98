"""Element-wise ops (issue #8, group A): unary math and activations, broadcasting binary ops, comparisons,
logical ops, selects and reductions.  Each case is one small model; dtypes are those TensorFlow Lite's
reference kernels accept (and the converter emits)."""

F = ("float32",)
FI = ("float32", "int8")
FIU = ("float32", "int8", "uint8")
FU = ("float32", "uint8")


def retype(g, old, new, drop_options=False):
    """Patch: rename the converter's `old` op to `new` (same inputs and outputs), for ops the converter
    never emits itself; drop_options removes `old`'s options table where `new` has none."""

    def patch(m):
        fb = g.schema()
        for i, code in enumerate(m.operatorCodes):
            if g.resolved_code(code) == fb.op_code[old]:
                code.builtinCode = fb.op_code[new]
                code.deprecatedBuiltinCode = min(fb.op_code[new], 127)
                code.version = 1
                for op in m.subgraphs[0].operators if drop_options else []:
                    if op.opcodeIndex == i:
                        op.builtinOptionsType = 0
                        op.builtinOptions = None

    return patch


def int8_core(g, op_name):
    """Patch: where the converter keeps `op_name` in float between DEQUANTIZE and QUANTIZE, make that op read
    the int8 graph input and write the int8 graph output itself (the float tensors stay, unused)."""

    def patch(m):
        fb = g.schema()
        sg = m.subgraphs[0]
        core = [op for op in sg.operators
                if g.resolved_code(m.operatorCodes[op.opcodeIndex]) == fb.op_code[op_name]]
        if len(sg.operators) == 1 or len(core) != 1:
            return  # float model, or nothing to rewire
        core[0].inputs = list(sg.inputs)
        core[0].outputs = list(sg.outputs)
        sg.operators = core

    return patch


def unary_cases(g):
    tf = g.import_tf()
    C, u = g.Case, g.unary
    s = (2, 3, 4)
    pos = (0.05, 4.0)
    return [
        C("relu", "RELU", [s], u(tf.nn.relu), FIU),
        C("relu6", "RELU6", [s], u(tf.nn.relu6), FIU, input_range=(-3.0, 8.0)),
        C("relu_n1_to_1", "RELU_N1_TO_1", [s], u(lambda x: tf.clip_by_value(x, -1.0, 1.0)), FIU,
          input_range=(-2.0, 2.0)),
        C("relu_0_to_1", "RELU_0_TO_1", [s], u(tf.nn.relu6), FIU, input_range=(-2.0, 2.0),
          patch=retype(g, "RELU6", "RELU_0_TO_1")),
        C("leaky_relu", "LEAKY_RELU", [s], u(lambda x: tf.nn.leaky_relu(x, alpha=0.2)), FIU,
          input_range=(-3.0, 3.0)),
        C("hard_swish", "HARD_SWISH", [s], u(lambda x: x * tf.nn.relu6(x + 3.0) / 6.0), FIU,
          input_range=(-5.0, 5.0)),
        C("gelu", "GELU", [s], u(lambda x: tf.nn.gelu(x, approximate=False)), FIU, input_range=(-3.0, 3.0)),
        C("gelu_approximate", "GELU", [s], u(lambda x: tf.nn.gelu(x, approximate=True)), FIU,
          input_range=(-3.0, 3.0)),
        C("tanh", "TANH", [s], u(tf.math.tanh), FIU, input_range=(-3.0, 3.0)),
        C("elu", "ELU", [s], u(tf.nn.elu), FI, input_range=(-3.0, 3.0), patch=int8_core(g, "ELU")),
        C("exp", "EXP", [s], u(tf.math.exp), FI, input_range=(-2.0, 2.0)),
        C("log", "LOG", [s], u(tf.math.log), FI, input_range=pos),
        C("sqrt", "SQRT", [s], u(tf.math.sqrt), FI, input_range=pos),
        C("rsqrt", "RSQRT", [s], u(tf.math.rsqrt), FI, input_range=pos),
        C("abs", "ABS", [s], u(tf.math.abs), FI, input_range=(-3.0, 2.0)),
        C("neg", "NEG", [s], u(tf.math.negative), F),
        C("sin", "SIN", [s], u(tf.math.sin), F, input_range=(-4.0, 4.0)),
        C("cos", "COS", [s], u(tf.math.cos), F, input_range=(-4.0, 4.0)),
        C("square", "SQUARE", [s], u(tf.math.square), F, input_range=(-3.0, 3.0)),
        C("ceil", "CEIL", [s], u(tf.math.ceil), F, input_range=(-3.0, 3.0)),
        C("floor", "FLOOR", [s], u(tf.math.floor), F, input_range=(-3.0, 3.0)),
        C("round", "ROUND", [(4, 8)], u(lambda x: tf.math.round(x * 2.0) * 0.5 + tf.math.round(x)), F,
          input_range=(-3.0, 3.0)),
        C("sign", "SIGN", [s], u(tf.math.sign), F),
        C("logical_not", "LOGICAL_NOT", [s, s],
          g.same_scale(lambda x, y: tf.math.logical_not(tf.math.logical_and(x > 0.0, y < 0.3))), F),
    ] + int16_sweep_cases(g)


def int16_sweep_cases(g):
    """int16x8 only (gen_fixtures.py INT16X8_CASES): 4096 inputs spread over the whole int16 range, so that
    the per-element arithmetic meets both signs and the clamps, and every segment of the 513-entry tables of
    the table-driven int16 kernels is crossed."""
    tf = g.import_tf()
    C, u = g.Case, g.unary
    w = (4096,)
    return [
        C("leaky_relu_wide", "LEAKY_RELU", [w], u(lambda x: tf.nn.leaky_relu(x, alpha=0.3)), (),
          input_range=(-4.0, 3.0)),
        C("relu_wide", "RELU", [w], u(tf.nn.relu), (), input_range=(-2.0, 5.0)),
        C("relu6_wide", "RELU6", [w], u(tf.nn.relu6), (), input_range=(-3.0, 9.0)),
        C("abs_wide", "ABS", [w], u(tf.math.abs), (), input_range=(-3.0, 2.0)),
        C("rsqrt_wide", "RSQRT", [w], u(tf.math.rsqrt), (), input_range=(0.02, 4.0)),
        C("exp_wide", "EXP", [w], u(tf.math.exp), (), input_range=(-6.0, 2.5)),
        C("log_wide", "LOG", [w], u(tf.math.log), (), input_range=(0.01, 5.0)),
        C("gelu_wide", "GELU", [w], u(lambda x: tf.nn.gelu(x, approximate=False)), (), input_range=(-5.0, 4.0)),
        C("gelu_approximate_wide", "GELU", [w], u(lambda x: tf.nn.gelu(x, approximate=True)), (),
          input_range=(-5.0, 4.0)),
    ]


def binary_cases(g):
    tf = g.import_tf()
    C, b, ss = g.Case, g.binary, g.same_scale
    s, row = (2, 3, 4), (1, 1, 4)
    two = [(-1.0, 1.0), (-3.0, 2.0)]
    cmp = [(-1.0, 1.0), (-1.5, 1.2)]
    out = [
        C("sub", "SUB", [s, s], b(lambda x, y: x - y), FIU, input_range=two),
        C("sub_broadcast", "SUB", [s, row], b(lambda x, y: x - y), FIU, input_range=two),
        C("sub_relu", "SUB", [s, s], b(lambda x, y: tf.nn.relu(x - y)), FIU, input_range=two),
        C("maximum", "MAXIMUM", [s, s], ss(tf.math.maximum), FIU),
        C("add_int32", "ADD", [s, row], ss(lambda x, y: tf.add(tf.cast(x, tf.int32), tf.cast(y, tf.int32))), F,
          input_range=(-1000.0, 1000.0)),
        C("minimum_broadcast", "MINIMUM", [s, row], ss(tf.math.minimum), FIU),
        C("floor_div", "FLOOR_DIV", [s, row], ss(tf.math.floordiv), F,
          input_range=[(-6.0, 6.0), (0.5, 2.0)]),
        C("floor_mod", "FLOOR_MOD", [s, row], ss(tf.math.floormod), F,
          input_range=[(-6.0, 6.0), (-2.0, -0.5)]),
        C("pow", "POW", [s, row], ss(tf.math.pow), F, input_range=[(0.1, 3.0), (-2.0, 2.0)]),
        C("logical_and", "LOGICAL_AND", [s, row], ss(lambda x, y: tf.math.logical_and(x > 0.0, y < 0.3)), F),
        C("logical_or", "LOGICAL_OR", [s, s], ss(lambda x, y: tf.math.logical_or(x > 0.5, y < -0.5)), F),
    ]
    for name, fn in (("equal", tf.math.equal), ("not_equal", tf.math.not_equal), ("less", tf.math.less),
                     ("less_equal", tf.math.less_equal), ("greater", tf.math.greater),
                     ("greater_equal", tf.math.greater_equal)):
        # Inputs on a coarse grid make ties (equal values) frequent enough to matter (FLOOR: TFLite has no
        # reference ROUND).
        op = name.upper()
        out.append(C(name, op, [s, row], ss(lambda x, y, fn=fn: fn(tf.floor(x * 4.0), tf.floor(y * 4.0))), F))
        out.append(C(name + "_quantized", op, [s, row], ss(fn), ("int8", "uint8"), input_range=cmp))
    return out


def other_cases(g):
    tf = g.import_tf()
    C, u, ss = g.Case, g.unary, g.same_scale
    s = (2, 3, 4)
    i32, i64 = tf.int32, tf.int64
    return [
        C("log_softmax", "LOG_SOFTMAX", [(3, 7)], u(tf.nn.log_softmax), FIU, input_range=(-4.0, 4.0)),
        # A coarse input scale: many differences fall below the kernel's cut-off and map to the minimum.
        C("log_softmax_wide", "LOG_SOFTMAX", [(2, 40)], u(tf.nn.log_softmax), FIU, input_range=(-40.0, 40.0)),
        C("prelu", "PRELU", [(1, 3, 3, 4)],
          g.binary(lambda x, a: x * a, const_shape=(4,)), FIU,
          patch=retype(g, "MUL", "PRELU", drop_options=True)),  # the converter does not fuse PReLU forms
        C("squared_difference", "SQUARED_DIFFERENCE", [s, (1, 1, 4)], u(tf.math.squared_difference), FI,
          input_range=[(-1.0, 1.0), (-2.0, 1.5)]),
        C("div", "DIV", [s, (1, 1, 4)], ss(tf.math.divide), F, input_range=[(-2.0, 2.0), (0.5, 2.0)]),
        C("add_n", "ADD_N", [s, s, s], ss(lambda a, b, c: tf.math.add_n([a, b, c])), F),
        C("select_v2", "SELECT_V2", [s, (1, 3, 1)], ss(lambda x, y: tf.where(x > 0.0, x, y)), FI),
        C("select", "SELECT", [s, s], ss(lambda x, y: tf.where(x > 0.0, x, y)), F,
          patch=retype(g, "SELECT_V2", "SELECT")),
        C("arg_min_int32", "ARG_MIN", [(2, 3, 10)], u(lambda x: tf.math.argmin(x, axis=-1, output_type=i32),
                                                     quantize_output=False), FIU),
        C("arg_min_int64_axis1", "ARG_MIN", [(1, 6, 5)],
          u(lambda x: tf.math.argmin(x, axis=1, output_type=i64), quantize_output=False), FIU),
        # No int8: TFLite's reference SUM reads int8 data as uint8 (ops/sum.hpp).
        C("sum", "SUM", [(2, 3, 4)], u(lambda x: tf.reduce_sum(x, axis=[1])), FU),
        C("sum_keepdims", "SUM", [(2, 3, 4)], u(lambda x: tf.reduce_sum(x, axis=[0, 2], keepdims=True)), FU),
        C("reduce_max", "REDUCE_MAX", [(2, 3, 4)], ss(lambda x: tf.reduce_max(x, axis=[-1])), FIU),
        C("reduce_min", "REDUCE_MIN", [(2, 3, 4)], ss(lambda x: tf.reduce_min(x, axis=[0, 1], keepdims=True)), FIU),
        C("reduce_prod", "REDUCE_PROD", [(2, 3, 4)], u(lambda x: tf.reduce_prod(x, axis=[1])), FI,
          input_range=(0.5, 1.5)),
        # Signs and a longer fold (8 factors per output): each step of the quantized product rescales.
        C("reduce_prod_keepdims", "REDUCE_PROD", [(2, 4, 2, 3)],
          u(lambda x: tf.reduce_prod(x, axis=[1, 2], keepdims=True)), FI, input_range=(-1.3, 1.3)),
        C("reduce_any", "REDUCE_ANY", [(2, 3, 4)], ss(lambda x: tf.reduce_any(x > 0.6, axis=[2])), F),
    ]


def cases(g):
    return unary_cases(g) + binary_cases(g) + other_cases(g)
