"""Control flow and resource variables (issue #8): WHILE, IF, CALL_ONCE, VAR_HANDLE, READ_VARIABLE,
ASSIGN_VARIABLE. Each model comes from the converter (tf.while_loop, tf.cond, a tf.Variable in a tf.Module with
resource variables kept); gen_fixtures.py's own conversion cannot keep variables, so a patch replaces its
placeholder model with the one converted here. int8 models keep the loop/branch/variable in float32 between
QUANTIZE/DEQUANTIZE, as the converter emits them. Expected outputs come from TensorFlow Lite."""

import numpy as np

SHAPE = (2, 3)


def while_body(g):
    tf = g.tf

    def fn(x):
        # A float counter: flatnn has no int32 ADD kernel yet.
        def cond(i, y):
            return i < 4.0

        def body(i, y):
            return i + 1.0, y * 1.25 + i * 0.125
        _, y = tf.while_loop(cond, body, [tf.constant(0.0), x])
        return [y]
    return fn, None


def if_body(g):
    tf = g.tf

    def fn(x, y):
        return [tf.cond(tf.reduce_max(x) > 0, lambda: x * 2.0 + y, lambda: tf.abs(x) - y * 0.5)]
    return fn, None


def variable_body(g):
    tf = g.tf

    class State(tf.Module):
        def __init__(self):
            self.v = tf.Variable(np.linspace(-0.5, 0.5, SHAPE[0] * SHAPE[1]).reshape(SHAPE).astype(np.float32))

    state = State()

    def fn(x):
        state.v.assign(state.v * 0.5 + x)
        return [state.v.read_value() * 2.0 - 0.25]
    return fn, state


def converted(g, name, dtype, make, n_inputs, spec_shape=SHAPE):
    """Patch that replaces the placeholder model with `make`'s function, converted with variables kept.
    spec_shape may have a None (dynamic) dimension: the model then stores 1 with shape_signature -1."""

    def patch(m):
        tf = g.tf
        fn, module = make(g)
        specs = [tf.TensorSpec(spec_shape, tf.float32, name="input_%d" % i) for i in range(n_inputs)]
        module = module or tf.Module()
        module.f = tf.function(fn, input_signature=specs)
        conv = tf.lite.TFLiteConverter.from_concrete_functions([module.f.get_concrete_function()], module)
        conv.experimental_enable_resource_variables = True
        if dtype == "int8":
            rng = g.case_rng(name + "_calibration")
            samples = [[rng.uniform(-1, 1, [d or 1 for d in spec_shape]).astype(np.float32) for _ in range(n_inputs)] for _ in range(16)]
            conv.optimizations = [tf.lite.Optimize.DEFAULT]
            conv.representative_dataset = lambda: iter(samples)
            conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
            conv.inference_input_type = tf.int8
            conv.inference_output_type = tf.int8
        built = g.read_model(conv.convert())
        m.__dict__.clear()
        m.__dict__.update(built.__dict__)

    return patch


def placeholder(g, n_inputs):
    def make(rng):
        return lambda q, *xs: [q.act(xs[0] * 2.0)]
    return make


def cases(g):
    g.import_tf()
    out = []

    def add(name, op, make, n_inputs, input_range=(-1.0, 1.0)):
        for dtype in ("float32", "int8"):
            full = "%s_%s" % (name, dtype)
            out.append(g.Case(name, op, [SHAPE] * n_inputs, placeholder(g, n_inputs), (dtype,),
                              input_range=input_range, patch=converted(g, full, dtype, make, n_inputs)))

    add("while_loop", "WHILE", while_body, 1)
    # Dynamic batch: the model stores [1, 3] with shape_signature [-1, 3]; the fixture's inputs are [4, 3], so
    # the test resizes the input and the loop subgraphs follow.
    name = "while_loop_dynamic_batch"
    out.append(g.Case(name, "WHILE", [(4, 3)], placeholder(g, 1), ("float32",),
                      patch=converted(g, name + "_float32", "float32", while_body, 1, (None, 3))))
    add("if_then", "IF", if_body, 2, [(0.1, 1.0), (-1.0, 1.0)])
    add("if_else", "IF", if_body, 2, [(-1.0, -0.1), (-1.0, 1.0)])
    # One model exercises the four variable ops; each op gets its fixture name.
    for op in ("CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE"):
        add(op.lower() + "_accumulate", op, variable_body, 1)
    return out
