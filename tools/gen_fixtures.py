#!/usr/bin/env python3
"""Generate the per-operator test fixtures in tests/data/ops.

Every fixture is a tiny .tflite model made by TensorFlow's own converter
(float32, int8 full-integer, or uint8 legacy asymmetric through the TF1
fake-quant path), or written as JSON and compiled with `flatc -b` against
schema/tflite.fbs where the converter cannot express the case.  Expected
outputs always come from TensorFlow Lite's interpreter (ai-edge-litert) with
its reference kernels, never from flatnn.  Where TFLite's optimized kernels or
its XNNPACK delegate give other integer results on the same input, the
fixture is listed in KERNEL_DIFFERENCES.txt.

Layout written (read by the C++ tests):
  tests/data/ops/<name>/model.tflite
  tests/data/ops/<name>/input_<i>.npy     in SubGraph.inputs order
  tests/data/ops/<name>/expected_<i>.npy  in SubGraph.outputs order
  tests/data/ops/manifest.json            [{name, op, dtype, tolerance, inputs, outputs}]
  tests/data/ops/KERNEL_DIFFERENCES.txt   informational

Usage: tools/gen_fixtures.py [--out tests/data/ops] [--only SUBSTRING]
The output is deterministic: fixed seeds per fixture, and the converter output
is byte-stable for a fixed TensorFlow version (see tools/requirements.txt).
"""

import argparse
import contextlib
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from typing import Callable, List, Optional, Sequence, Tuple

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(REPO, "schema", "tflite.fbs")

# Float fixtures allow this much absolute difference.  Inputs lie in [-1, 1)
# and weights in [-1, 1), so outputs are of order 1-10; TFLite's own kernels
# (reference vs. optimized vs. XNNPACK) differ by a few ULP only, and a 1e-4
# bound still catches any real indexing or rounding mistake.
FLOAT_TOLERANCE = 1e-4

# Calibration samples for int8 conversion and for uint8 fake-quant ranges.
CALIBRATION_SAMPLES = 16


# --------------------------------------------------------------------------
# Case description


@dataclasses.dataclass
class Case:
    """One operator model; `make(rng)` returns `body(q, *inputs) -> [outputs]`.

    `q` is a quantization hook: `q.weight(np_array)` turns a constant into a
    tensor and `q.act(tensor)` marks an activation.  For float and int8 they
    add nothing; for the uint8 TF1 path they insert fake-quant nodes whose
    ranges come from a float calibration pass.
    """

    name: str
    op: str
    input_shapes: Sequence[Tuple[int, ...]]
    make: Callable
    dtypes: Sequence[str] = ("float32", "int8", "uint8")
    # Real-valued range of the random inputs (calibration and test data):
    # one (lo, hi) for all inputs, or a list with one per input.  Different
    # ranges give the inputs of ADD, MUL and CONCATENATION different scales.
    input_range: object = (-1.0, 1.0)
    # Edits the converted model (as JSON) where the converter will not emit
    # the op under test itself, e.g. it always rewrites SQUEEZE to RESHAPE.
    patch: Optional[Callable[[dict], None]] = None

    def ranges(self) -> List[Tuple[float, float]]:
        r = self.input_range
        return list(r) if isinstance(r, list) else [r] * len(self.input_shapes)


def case_rng(name: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(name.encode()))


# --------------------------------------------------------------------------
# Operator bodies (tf is imported lazily so --help stays fast)

tf = None


def import_tf():
    global tf
    if tf is None:
        import tensorflow  # noqa: F401

        tf = tensorflow
        tf.get_logger().setLevel("ERROR")
    return tf


def conv2d(kh, kw, cin, cout, stride, padding, dilation=1, relu6=False):
    def make(rng):
        w = rng.uniform(-1, 1, (kh, kw, cin, cout)).astype(np.float32)
        b = rng.uniform(-1, 1, (cout,)).astype(np.float32)

        def body(q, x):
            y = tf.nn.conv2d(x, q.weight(w), strides=stride, padding=padding,
                             dilations=dilation)
            y = tf.nn.bias_add(y, b)
            if relu6:
                y = tf.nn.relu6(y)
            return [q.act(y)]

        return body

    return make


def depthwise(kh, kw, cin, mult, stride, padding, dilation=1, relu6=False):
    def make(rng):
        w = rng.uniform(-1, 1, (kh, kw, cin, mult)).astype(np.float32)
        b = rng.uniform(-1, 1, (cin * mult,)).astype(np.float32)

        def body(q, x):
            y = tf.nn.depthwise_conv2d(x, q.weight(w), strides=[1, stride, stride, 1],
                                       padding=padding, dilations=[dilation, dilation])
            y = tf.nn.bias_add(y, b)
            if relu6:
                y = tf.nn.relu6(y)
            return [q.act(y)]

        return body

    return make


def fully_connected(cin, cout, relu=False):
    def make(rng):
        w = rng.uniform(-1, 1, (cin, cout)).astype(np.float32)
        b = rng.uniform(-1, 1, (cout,)).astype(np.float32)

        def body(q, x):
            y = tf.matmul(x, q.weight(w)) + b
            if relu:
                y = tf.nn.relu(y)
            return [q.act(y)]

        return body

    return make


def binary(fn, const_shape=None):
    """ADD/MUL of two graph inputs, or of one input and a constant."""

    def make(rng):
        c = None
        if const_shape is not None:
            c = rng.uniform(-1, 1, const_shape).astype(np.float32)

        def body(q, x, *rest):
            other = rest[0] if c is None else q.weight(c)
            return [q.act(fn(x, other))]

        return body

    return make


def unary(fn, quantize_output=True, fixed_range=None):
    """Ops on graph inputs only.  quantize_output=False leaves the output
    without its own fake-quant range: needed for ops whose quantized kernels
    keep the input scale (RESHAPE, MAX_POOL_2D, ...) and for integer outputs.
    fixed_range is the output range the uint8 kernel demands (SOFTMAX and
    LOGISTIC produce scale 1/256, zero point 0)."""

    def make(rng):
        def body(q, *xs):
            y = fn(*xs)
            outs = y if isinstance(y, (list, tuple)) else [y]
            return [q.act(o, fixed_range) if quantize_output else o for o in outs]

        return body

    return make


def same_scale(fn):
    return unary(fn, quantize_output=False)


def concat(axis):
    return unary(lambda a, b: tf.concat([a, b], axis=axis))


def split(n, axis):
    return same_scale(lambda x: tf.split(x, n, axis=axis))


def pad(paddings):
    return same_scale(lambda x: tf.pad(x, tf.constant(paddings, dtype=tf.int32)))


def resize_bilinear(size, align_corners, half_pixel_centers):
    return same_scale(lambda x: tf.compat.v1.image.resize_bilinear(
        x, size, align_corners=align_corners, half_pixel_centers=half_pixel_centers))


def argmax(axis, out_type):
    return unary(lambda x: tf.math.argmax(x, axis=axis, output_type=out_type),
                 quantize_output=False)


# Output range of quantized SOFTMAX / LOGISTIC: scale 1/256, zero point 0.
UNIT_RANGE = (0.0, 255.0 / 256.0)


def to_squeeze(squeeze_dims):
    """Patch: turn the converter's RESHAPE into the SQUEEZE it replaced."""

    def patch(m):
        fb = schema()
        for code in m.operatorCodes:
            if resolved_code(code) == fb.op_code["RESHAPE"]:
                code.builtinCode = code.deprecatedBuiltinCode = fb.op_code["SQUEEZE"]
                code.version = 1
        for op in m.subgraphs[0].operators:
            op.inputs = op.inputs[:1]  # drop the shape tensor
            op.builtinOptionsType = fb.options_tag["SqueezeOptions"]
            op.builtinOptions = fb.table("SqueezeOptions")()
            op.builtinOptions.squeezeDims = list(squeeze_dims)

    return patch


def shape_as_option(m):
    """Patch: RESHAPE without its shape tensor, the target shape only in
    ReshapeOptions.new_shape (as older converters wrote it)."""
    fb = schema()
    sg = m.subgraphs[0]
    for op in sg.operators:
        op.inputs = op.inputs[:1]
        op.builtinOptionsType = fb.options_tag["ReshapeOptions"]
        op.builtinOptions = fb.table("ReshapeOptions")()
        op.builtinOptions.newShape = [int(d) for d in sg.tensors[op.outputs[0]].shape]


def all_cases() -> List[Case]:
    return core_cases() + group_cases()


def group_cases() -> List[Case]:
    """Cases from tools/fixture_cases/<group>.py: each module defines
    `cases(g)`, where `g` is this module (Case, binary, unary, tf, ...)."""
    import importlib.util
    import glob
    out = []
    this = sys.modules[__name__]
    for path in sorted(glob.glob(os.path.join(REPO, "tools", "fixture_cases", "*.py"))):
        spec = importlib.util.spec_from_file_location(
            "fixture_cases_" + os.path.basename(path)[:-3], path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out.extend(mod.cases(this))
    return out


def core_cases() -> List[Case]:
    import_tf()
    i32, i64 = tf.int32, tf.int64
    C = Case
    return [
        C("conv_2d_same_s1", "CONV_2D", [(1, 8, 8, 3)], conv2d(3, 3, 3, 4, 1, "SAME")),
        C("conv_2d_valid_s1", "CONV_2D", [(1, 8, 8, 3)], conv2d(3, 3, 3, 4, 1, "VALID")),
        C("conv_2d_same_s2", "CONV_2D", [(1, 9, 9, 3)], conv2d(3, 3, 3, 4, 2, "SAME")),
        C("conv_2d_valid_s2", "CONV_2D", [(1, 9, 9, 3)], conv2d(3, 3, 3, 4, 2, "VALID")),
        C("conv_2d_same_s1_relu6", "CONV_2D", [(1, 8, 8, 3)],
          conv2d(3, 3, 3, 4, 1, "SAME", relu6=True)),
        C("conv_2d_same_dilation2", "CONV_2D", [(1, 9, 9, 3)],
          conv2d(3, 3, 3, 4, 1, "SAME", dilation=2)),
        C("conv_2d_1x1", "CONV_2D", [(1, 5, 5, 8)], conv2d(1, 1, 8, 6, 1, "VALID")),
        C("depthwise_conv_2d_same_s1", "DEPTHWISE_CONV_2D", [(1, 8, 8, 4)],
          depthwise(3, 3, 4, 1, 1, "SAME")),
        C("depthwise_conv_2d_same_s2_relu6", "DEPTHWISE_CONV_2D", [(1, 9, 9, 4)],
          depthwise(3, 3, 4, 1, 2, "SAME", relu6=True)),
        C("depthwise_conv_2d_valid_mult2", "DEPTHWISE_CONV_2D", [(1, 8, 8, 3)],
          depthwise(3, 3, 3, 2, 1, "VALID")),
        C("depthwise_conv_2d_same_s2_mult2", "DEPTHWISE_CONV_2D", [(1, 8, 8, 3)],
          depthwise(3, 3, 3, 2, 2, "SAME")),
        C("depthwise_conv_2d_same_dilation2", "DEPTHWISE_CONV_2D", [(1, 9, 9, 4)],
          depthwise(3, 3, 4, 1, 1, "SAME", dilation=2)),
        C("fully_connected", "FULLY_CONNECTED", [(2, 16)], fully_connected(16, 8)),
        C("fully_connected_relu", "FULLY_CONNECTED", [(1, 20)],
          fully_connected(20, 10, relu=True)),
        C("fully_connected_3d", "FULLY_CONNECTED", [(2, 3, 16)], fully_connected(16, 5)),
        C("add", "ADD", [(1, 4, 4, 3), (1, 4, 4, 3)], binary(lambda a, b: a + b),
          input_range=[(-1.0, 1.0), (-3.0, 2.0)]),
        C("add_broadcast", "ADD", [(1, 4, 4, 3), (1, 1, 1, 3)], binary(lambda a, b: a + b),
          input_range=[(-1.0, 1.0), (-3.0, 2.0)]),
        C("add_broadcast_rows", "ADD", [(2, 3, 5), (2, 1, 5)], binary(lambda a, b: a + b),
          input_range=[(-1.0, 1.0), (-3.0, 2.0)]),
        C("add_relu", "ADD", [(1, 4, 4, 3), (1, 4, 4, 3)],
          binary(lambda a, b: tf.nn.relu(a + b)),
          input_range=[(-1.0, 1.0), (-3.0, 2.0)]),
        C("add_const", "ADD", [(1, 4, 4, 3)], binary(lambda a, b: a + b, const_shape=(3,))),
        C("mul", "MUL", [(1, 4, 4, 3), (1, 4, 4, 3)], binary(lambda a, b: a * b),
          input_range=[(-1.0, 1.0), (-3.0, 2.0)]),
        C("mul_broadcast", "MUL", [(1, 4, 4, 3), (1, 4, 1, 1)], binary(lambda a, b: a * b),
          input_range=[(-1.0, 1.0), (-3.0, 2.0)]),
        C("average_pool_2d_valid_2x2_s2", "AVERAGE_POOL_2D", [(1, 8, 8, 3)],
          same_scale(lambda x: tf.nn.avg_pool2d(x, 2, 2, "VALID"))),
        C("average_pool_2d_same_3x3_s1", "AVERAGE_POOL_2D", [(1, 7, 7, 3)],
          same_scale(lambda x: tf.nn.avg_pool2d(x, 3, 1, "SAME"))),
        C("average_pool_2d_same_3x3_s2", "AVERAGE_POOL_2D", [(1, 8, 8, 3)],
          same_scale(lambda x: tf.nn.avg_pool2d(x, 3, 2, "SAME"))),
        C("max_pool_2d_valid_2x2_s2", "MAX_POOL_2D", [(1, 8, 8, 3)],
          same_scale(lambda x: tf.nn.max_pool2d(x, 2, 2, "VALID"))),
        C("max_pool_2d_same_3x3_s2", "MAX_POOL_2D", [(1, 9, 9, 3)],
          same_scale(lambda x: tf.nn.max_pool2d(x, 3, 2, "SAME"))),
        C("reshape", "RESHAPE", [(1, 4, 4, 3)], same_scale(lambda x: tf.reshape(x, [1, 48]))),
        C("reshape_new_shape_option", "RESHAPE", [(2, 6)],
          same_scale(lambda x: tf.reshape(x, [3, 4])), patch=shape_as_option),
        C("reshape_infer", "RESHAPE", [(2, 3, 4)], same_scale(lambda x: tf.reshape(x, [-1, 6]))),
        C("squeeze", "SQUEEZE", [(1, 1, 1, 10)],
          same_scale(lambda x: tf.squeeze(x, axis=[1, 2])), patch=to_squeeze([1, 2])),
        C("squeeze_negative_axis", "SQUEEZE", [(2, 1, 5, 1)],
          same_scale(lambda x: tf.squeeze(x, axis=[-1])), patch=to_squeeze([-1])),
        C("squeeze_all", "SQUEEZE", [(1, 6, 1)],
          same_scale(lambda x: tf.squeeze(x)), patch=to_squeeze([])),
        C("softmax", "SOFTMAX", [(1, 10)], unary(tf.nn.softmax, fixed_range=UNIT_RANGE),
          input_range=(-4.0, 4.0)),
        C("softmax_2d", "SOFTMAX", [(3, 7)], unary(tf.nn.softmax, fixed_range=UNIT_RANGE),
          input_range=(-4.0, 4.0)),
        C("softmax_long_rows", "SOFTMAX", [(2, 257)], unary(tf.nn.softmax, fixed_range=UNIT_RANGE),
          input_range=(-12.0, 12.0)),
        C("logistic", "LOGISTIC", [(1, 4, 4, 3)],
          unary(tf.math.sigmoid, fixed_range=UNIT_RANGE), input_range=(-6.0, 6.0)),
        C("concatenation_channels", "CONCATENATION", [(1, 4, 4, 3), (1, 4, 4, 2)], concat(3),
          input_range=[(-1.0, 1.0), (-3.0, 2.0)]),
        C("concatenation_axis1", "CONCATENATION", [(1, 2, 4, 3), (1, 3, 4, 3)], concat(1),
          input_range=[(-1.0, 1.0), (-3.0, 2.0)]),
        C("split_channels", "SPLIT", [(1, 4, 4, 6)], split(3, 3)),
        C("split_axis1", "SPLIT", [(1, 4, 3, 2)], split(2, 1)),
        C("pad", "PAD", [(1, 4, 4, 3)], pad([[0, 0], [1, 2], [2, 1], [0, 0]])),
        C("pad_2d", "PAD", [(3, 5)], pad([[1, 0], [0, 2]])),
        C("mean_hw_keepdims", "MEAN", [(1, 6, 6, 4)],
          unary(lambda x: tf.reduce_mean(x, axis=[1, 2], keepdims=True))),
        C("mean_hw", "MEAN", [(1, 5, 5, 8)],
          unary(lambda x: tf.reduce_mean(x, axis=[1, 2]))),
        C("mean_last_axis", "MEAN", [(2, 3, 8)],
          unary(lambda x: tf.reduce_mean(x, axis=[-1]))),
        C("resize_bilinear", "RESIZE_BILINEAR", [(1, 4, 5, 3)],
          resize_bilinear([7, 9], False, False)),
        C("resize_bilinear_half_pixel", "RESIZE_BILINEAR", [(1, 4, 5, 3)],
          resize_bilinear([7, 9], False, True)),
        C("resize_bilinear_align_corners", "RESIZE_BILINEAR", [(1, 4, 5, 3)],
          resize_bilinear([7, 9], True, False)),
        C("resize_bilinear_downscale_half_pixel", "RESIZE_BILINEAR", [(1, 8, 8, 2)],
          resize_bilinear([5, 3], False, True)),
        C("arg_max_int32", "ARG_MAX", [(2, 3, 10)], argmax(-1, i32)),
        C("arg_max_int64_axis1", "ARG_MAX", [(1, 6, 5)], argmax(1, i64)),
    ]


# --------------------------------------------------------------------------
# Quantization hooks


class FloatHook:
    """float32 / int8: constants stay float, activations unmarked."""

    def weight(self, w):
        return tf.constant(w)

    def act(self, t, fixed_range=None):
        return t


class RangeRecorder(FloatHook):
    """Calibration pass for uint8: records each activation's min/max."""

    def __init__(self):
        self.ranges: List[Tuple[float, float]] = []
        self.i = 0

    def act(self, t, fixed_range=None):
        v = t.numpy()
        lo, hi = float(v.min()), float(v.max())
        if self.i == len(self.ranges):
            self.ranges.append((lo, hi))
        else:
            a, b = self.ranges[self.i]
            self.ranges[self.i] = (min(a, lo), max(b, hi))
        self.i += 1
        return t


def fq_range(lo, hi):
    # Fake-quant ranges must contain 0 and be non-empty.
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < 1e-6:
        hi = lo + 1.0
    return lo, hi


class FakeQuantHook:
    """uint8 TF1 path: fake-quant every constant and activation."""

    def __init__(self, ranges):
        self.ranges = ranges
        self.i = 0

    def weight(self, w):
        lo, hi = fq_range(float(w.min()), float(w.max()))
        return tf.quantization.fake_quant_with_min_max_args(tf.constant(w), min=lo, max=hi)

    def act(self, t, fixed_range=None):
        lo, hi = fixed_range or fq_range(*self.ranges[self.i])
        self.i += 1
        return tf.quantization.fake_quant_with_min_max_args(t, min=lo, max=hi)


# --------------------------------------------------------------------------
# Conversion


def u8_input_quant(lo: float, hi: float):
    """uint8 input (scale, zero_point) for the real range [lo, hi], with an
    integer zero point so that fake-quant needs no nudging."""
    scale = (hi - lo) / 255.0
    zp = int(round(-lo / scale))
    return scale, zp


@contextlib.contextmanager
def quiet_stderr():
    """The converter's C++ code logs to file descriptor 2; show that log only
    when a conversion fails."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as log:
        os.dup2(log.fileno(), 2)
        failed = False
        try:
            yield
        except Exception:
            failed = True
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            if failed:
                log.seek(0)
                sys.stderr.write(log.read().decode(errors="replace")[-4000:])


def random_inputs(case: Case, rng) -> List[np.ndarray]:
    return [rng.uniform(lo, hi, s).astype(np.float32)
            for s, (lo, hi) in zip(case.input_shapes, case.ranges())]


def calibration_inputs(case: Case, rng) -> List[List[np.ndarray]]:
    return [random_inputs(case, rng) for _ in range(CALIBRATION_SAMPLES)]


def by_name(samples):
    """Calibration samples keyed by signature input name: a plain list would be
    matched to the converted model's input order, which the converter may
    have permuted."""
    return [{"input_%d" % i: x for i, x in enumerate(sample)} for sample in samples]


def convert_tf2(case: Case, body, dtype: str, samples, io_type=None) -> bytes:
    """float32, int8 full-integer quantization, hybrid or float16 weights.  io_type overrides the
    int8 model's interface type (float32 or uint8 make the converter add
    QUANTIZE/DEQUANTIZE ops at the edges)."""
    specs = [tf.TensorSpec(s, tf.float32, name="input_%d" % i)
             for i, s in enumerate(case.input_shapes)]
    hook = FloatHook()
    module = tf.Module()
    module.f = tf.function(lambda *xs: body(hook, *xs), input_signature=specs)
    concrete = module.f.get_concrete_function()
    conv = tf.lite.TFLiteConverter.from_concrete_functions([concrete], module)
    if dtype in ("hybrid", "float16"):
        # Dynamic range: int8 weights with float activations (no representative data); float16: float16
        # weights, DEQUANTIZEd to float32 in the model.
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        if dtype == "float16":
            conv.target_spec.supported_types = [tf.float16]
    if dtype == "int8":
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = lambda: iter(by_name(samples))
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = io_type or tf.int8
        conv.inference_output_type = io_type or tf.int8
    elif dtype == "int16x8":  # int16 activations, int8 weights
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = lambda: iter(by_name(samples))
        conv.target_spec.supported_ops = [
            tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
        conv.inference_input_type = io_type or tf.int16
        conv.inference_output_type = io_type or tf.int16
    return conv.convert()


def convert_tf1_uint8(case: Case, body, samples) -> bytes:
    rec = RangeRecorder()
    for sample in samples:
        rec.i = 0
        body(rec, *[tf.constant(x) for x in sample])
    g = tf.Graph()
    with g.as_default():
        placeholders = [tf.compat.v1.placeholder(tf.float32, s, name="input_%d" % i)
                        for i, s in enumerate(case.input_shapes)]
        quant = [u8_input_quant(lo, hi) for lo, hi in case.ranges()]
        xs = [tf.quantization.fake_quant_with_min_max_args(
            p, min=-zp * scale, max=(255 - zp) * scale)
            for p, (scale, zp) in zip(placeholders, quant)]
        outs = body(FakeQuantHook(rec.ranges), *xs)
        with tf.compat.v1.Session(graph=g) as sess:
            conv = tf.compat.v1.lite.TFLiteConverter.from_session(sess, placeholders, outs)
            conv.inference_type = tf.uint8
            # real = (q - mean) / std
            conv.quantized_input_stats = {
                "input_%d" % i: (float(zp), 1.0 / scale) for i, (scale, zp) in enumerate(quant)}
            return conv.convert()


# --------------------------------------------------------------------------
# Reading and editing models through our own schema/tflite.fbs.  Edits go
# through flatc's Python object API, not through `flatc --json`: flatc's JSON
# output prints floats with 6 significant digits, so a JSON round trip would
# alter quantization scales.

_schema = None


def schema():
    """The object API generated from schema/tflite.fbs (once per process)."""
    global _schema
    if _schema is None:
        import atexit
        import importlib
        import types

        out = tempfile.mkdtemp(prefix="flatnn_schema_py_")
        atexit.register(shutil.rmtree, out, True)
        subprocess.run(["flatc", "--gen-object-api", "--python", "-o", out, SCHEMA],
                       check=True)
        sys.path.insert(0, out)
        mod = lambda name: importlib.import_module("tflite." + name)  # noqa: E731
        enum = lambda name: {k: v for k, v in vars(getattr(mod(name), name)).items()  # noqa: E731
                             if not k.startswith("_")}
        _schema = types.SimpleNamespace(
            Model=mod("Model").Model, ModelT=mod("Model").ModelT,
            op_code=enum("BuiltinOperator"), options_tag=enum("BuiltinOptions"),
            table=lambda name: getattr(mod(name), name + "T"))
        _schema.op_name = {v: k for k, v in _schema.op_code.items()}
    return _schema


def read_model(model: bytes):
    fb = schema()
    return fb.ModelT.InitFromObj(fb.Model.GetRootAs(model, 0))


def write_model(m) -> bytes:
    import flatbuffers

    b = flatbuffers.Builder(1024)
    b.Finish(m.Pack(b), file_identifier=b"TFL3")
    return bytes(b.Output())


def resolved_code(code) -> int:
    # Files before schema 3a have only the 8-bit code (see the format notes).
    return max(int(code.deprecatedBuiltinCode), int(code.builtinCode))


def model_from_json(doc: dict) -> bytes:
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "m.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        subprocess.run(["flatc", "-b", "-o", d, SCHEMA, path], check=True)
        with open(os.path.join(d, "m.tflite"), "rb") as f:
            return f.read()


def op_names(m) -> List[str]:
    fb = schema()
    names = []
    for op in m.subgraphs[0].operators or []:
        code = m.operatorCodes[op.opcodeIndex]
        c = resolved_code(code)
        names.append(code.customCode.decode() if c == fb.op_code["CUSTOM"]
                     else fb.op_name.get(c, str(c)))
    return names


# --------------------------------------------------------------------------
# Running TensorFlow Lite


def make_interpreter(model: bytes, resolver=None):
    """Expected outputs come from TFLite's reference kernels (BUILTIN_REF):
    flatnn's reference kernels follow them.  TFLite's optimized kernels and
    its default XNNPACK delegate may differ by 1 LSB on some integer ops;
    cross_check() lists where, in KERNEL_DIFFERENCES.txt."""
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    kind = resolver or OpResolverType.BUILTIN_REF
    try:
        interp = Interpreter(model_content=model, experimental_op_resolver_type=kind)
    except (RuntimeError, ValueError) as e:
        # A few ops (CEIL, ROUND, ELU) have no reference registration: their
        # builtin kernel is then the only TFLite answer.
        if resolver or "Didn't find op for builtin opcode" not in str(e):
            raise
        interp = Interpreter(model_content=model,
                             experimental_op_resolver_type=OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES)
    interp.allocate_tensors()
    return interp


def resize_inputs(interp, inputs: List[np.ndarray]):
    """Inputs with a dynamic dimension (shape_signature -1) may come at another size than the stored shape."""
    details = interp.get_input_details()
    if all(list(d["shape"]) == list(x.shape) for d, x in zip(details, inputs)):
        return
    for d, x in zip(details, inputs):
        interp.resize_tensor_input(d["index"], list(x.shape))
    interp.allocate_tensors()


def run_tflite(model: bytes, inputs: List[np.ndarray], resolver=None) -> List[np.ndarray]:
    interp = make_interpreter(model, resolver)
    resize_inputs(interp, inputs)
    for detail, x in zip(interp.get_input_details(), inputs):
        interp.set_tensor(detail["index"], x)
    interp.invoke()
    return [interp.get_tensor(d["index"]).copy() for d in interp.get_output_details()]


def check_io_order(model: bytes, m):
    """The C++ tests number inputs/outputs by SubGraph order: make sure the
    interpreter's detail lists use that same order."""
    interp = make_interpreter(model)
    sg = m.subgraphs[0]
    got_in = [d["index"] for d in interp.get_input_details()]
    got_out = [d["index"] for d in interp.get_output_details()]
    if got_in != list(sg.inputs) or got_out != list(sg.outputs):
        raise RuntimeError("interpreter I/O order %s/%s differs from SubGraph %s/%s"
                           % (got_in, got_out, list(sg.inputs), list(sg.outputs)))


def test_inputs(model: bytes, float_inputs: List[np.ndarray]) -> List[np.ndarray]:
    """Cast/quantize float samples to what each model input expects, in the
    model's input order (the TF2 converter may reorder the function's
    arguments; they are matched by their `input_<k>` names)."""
    interp = make_interpreter(model)
    out = []
    for pos, d in enumerate(interp.get_input_details()):
        m = re.search(r"input_(\d+)", d["name"])
        x = float_inputs[int(m.group(1)) if m else pos]
        dt = d["dtype"]
        if dt == np.float32:
            out.append(x.astype(np.float32))
            continue
        scale, zp = d["quantization"]
        info = np.iinfo(dt)
        q = np.round(x / scale) + zp if scale else np.round(x)
        out.append(np.clip(q, info.min, info.max).astype(dt))
    return out


KERNEL_NAMES = {"BUILTIN_WITHOUT_DEFAULT_DELEGATES": "optimized builtin kernels",
                "AUTO": "default (XNNPACK delegate)"}


def cross_check(name: str, model: bytes, inputs, expected, tolerance) -> List[str]:
    """Compare the recorded outputs with TFLite's other kernel sets; return notes."""
    from ai_edge_litert.interpreter import OpResolverType

    notes = []
    for kind in (OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES, OpResolverType.AUTO):
        got = run_tflite(model, inputs, kind)
        for i, (a, b) in enumerate(zip(expected, got)):
            if a.dtype.kind == "f":
                diff = float(np.max(np.abs(a.astype(np.float64) - b))) if a.size else 0.0
                if diff > tolerance:
                    notes.append("%s output %d: %s differs by %g" % (name, i, KERNEL_NAMES[kind.name], diff))
            elif not np.array_equal(a, b):
                n = int(np.count_nonzero(a != b))
                diff = int(np.max(np.abs(a.astype(np.int64) - b.astype(np.int64))))
                notes.append("%s output %d: %s differs in %d of %d elements (max %d)"
                             % (name, i, KERNEL_NAMES[kind.name], n, a.size, diff))
    return notes


# --------------------------------------------------------------------------
# Hand-built QUANTIZE / DEQUANTIZE models (flatc -b from JSON)

TENSOR_TYPES = {"float32": "FLOAT32", "int8": "INT8", "uint8": "UINT8", "int16": "INT16"}


def single_op_json(op: str, options_type: Optional[str], in_type, in_q, out_type, out_q,
                   shape, second_input=None) -> dict:
    """One-op model; second_input = (type, quantization) adds a second input of the same shape."""
    def tensor(name, ttype, q):
        t = {"shape": list(shape), "type": TENSOR_TYPES[ttype], "buffer": 0, "name": name}
        if q is not None:
            t["quantization"] = {"scale": [q[0]], "zero_point": [q[1]]}
        return t

    tensors = [tensor("input", in_type, in_q)]
    if second_input is not None:
        tensors.append(tensor("input2", second_input[0], second_input[1]))
    tensors.append(tensor("output", out_type, out_q))
    inputs = list(range(len(tensors) - 1))
    out_index = len(tensors) - 1
    operator = {"opcode_index": 0, "inputs": inputs, "outputs": [out_index]}
    if options_type:
        operator["builtin_options_type"] = options_type
        operator["builtin_options"] = {}
    codes = {"QUANTIZE": 114, "DEQUANTIZE": 6, "DIV": 42, "LOGISTIC": 14, "TANH": 28}
    return {
        "version": 3,
        "description": "flatnn gen_fixtures.py (hand-built)",
        "operator_codes": [{"deprecated_builtin_code": codes[op], "builtin_code": op,
                            "version": 1}],
        "subgraphs": [{
            "tensors": tensors,
            "inputs": inputs, "outputs": [out_index], "operators": [operator], "name": "main"}],
        "buffers": [{}],
    }


def quantize_json_cases():
    """(name, op, dtype, model as JSON) for single-op models."""
    shape = (1, 4, 4, 3)
    q_i8 = (0.02, -5)
    q_u8 = (0.02, 123)
    cases = [
        ("quantize_float_to_int8", "QUANTIZE", "int8",
         single_op_json("QUANTIZE", "QuantizeOptions", "float32", None, "int8", q_i8, shape)),
        ("quantize_float_to_uint8", "QUANTIZE", "uint8",
         single_op_json("QUANTIZE", "QuantizeOptions", "float32", None, "uint8", q_u8, shape)),
        ("quantize_uint8_to_int8", "QUANTIZE", "int8",
         single_op_json("QUANTIZE", "QuantizeOptions", "uint8", (0.02, 128), "int8",
                        (0.02, 0), shape)),
        ("quantize_uint8_to_int8_rescale", "QUANTIZE", "int8",
         single_op_json("QUANTIZE", "QuantizeOptions", "uint8", q_u8, "int8",
                        (0.0137, 3), shape)),
        ("quantize_int8_to_uint8", "QUANTIZE", "uint8",
         single_op_json("QUANTIZE", "QuantizeOptions", "int8", (0.02, 0), "uint8",
                        (0.02, 128), shape)),
        ("quantize_int8_to_int8_rescale", "QUANTIZE", "int8",
         single_op_json("QUANTIZE", "QuantizeOptions", "int8", q_i8, "int8",
                        (0.031, 7), shape)),
        ("dequantize_int8_to_float", "DEQUANTIZE", "int8",
         single_op_json("DEQUANTIZE", "DequantizeOptions", "int8", q_i8, "float32", None,
                        shape)),
        ("dequantize_uint8_to_float", "DEQUANTIZE", "uint8",
         single_op_json("DEQUANTIZE", "DequantizeOptions", "uint8", q_u8, "float32", None,
                        shape)),
        # The converter runs uint8 DIV in float; TFLite's quantized DIV kernel needs a hand-built model.
        ("div_quantized_uint8", "DIV", "uint8",
         single_op_json("DIV", "DivOptions", "uint8", q_u8, "uint8", (0.05, 100), shape,
                        second_input=("uint8", (0.015, 140)))),
    ]
    # int16 LOGISTIC / TANH over 4096 inputs from -12 to 12 (saturation included): a general input scale, and
    # the power-of-two scales of TFLite's other parameter path (TANH takes a shift of 0 or 1 there).
    q_out16 = (1.0 / 32768, 0)
    for op, scales in (("LOGISTIC", {"general": 3.7e-4, "pot": 2.0 ** -12}),
                       ("TANH", {"general": 3.7e-4, "pot": 2.0 ** -12, "pot_shift1": 2.0 ** -11})):
        for label, scale in scales.items():
            cases.append(("%s_int16_%s_scale" % (op.lower(), label), op, "int16x8",
                          single_op_json(op, None, "int16", (scale, 0), "int16", q_out16, (4096,))))
    return cases


# --------------------------------------------------------------------------
# Driver


@dataclasses.dataclass
class Fixture:
    name: str
    op: str
    dtype: str
    model: bytes
    float_inputs: List[np.ndarray]


# Cases also made in the 16x8 form (int16 activations, int8 weights): convolutions, TRANSPOSE_CONV and
# FULLY_CONNECTED (int64 or int32 accumulators as the bias), ADD/SUB/MUL, LOGISTIC/TANH/SOFTMAX/MEAN, data
# movement, raw-value comparisons, pooling and the int16 unary ops. Other ops join as their int16 kernels land.
INT16X8_CASES = {
    "conv_2d_1x1", "conv_2d_same_dilation2", "conv_2d_same_s1", "conv_2d_same_s1_relu6", "conv_2d_same_s2",
    "conv_2d_valid_s1", "conv_2d_valid_s2", "depthwise_conv_2d_same_dilation2", "depthwise_conv_2d_same_s1",
    "depthwise_conv_2d_same_s2_mult2", "depthwise_conv_2d_same_s2_relu6", "depthwise_conv_2d_valid_mult2",
    "fully_connected", "fully_connected_relu", "fully_connected_3d", "add", "add_broadcast", "add_broadcast_rows",
    "add_relu", "add_const", "mul", "mul_broadcast", "sub", "sub_broadcast", "sub_relu", "transpose_conv_same_s2",
    "transpose_conv_valid_s1", "transpose_conv_valid_s2", "logistic", "tanh", "softmax", "softmax_2d",
    "softmax_long_rows", "mean_hw_keepdims", "mean_hw", "mean_last_axis",
    "maximum", "minimum_broadcast", "reduce_max", "reduce_min", "max_pool_2d_same_3x3_s2",
    "max_pool_2d_valid_2x2_s2", "average_pool_2d_same_3x3_s1", "average_pool_2d_same_3x3_s2",
    "average_pool_2d_valid_2x2_s2",
    "batch_to_space_nd", "broadcast_to", "concatenation_axis1", "concatenation_channels",
    "gather_axis0", "gather_axis1_2d_indices", "gather_nd", "mirror_pad_reflect",
    "mirror_pad_symmetric", "pack_axis2", "pad", "pad_2d", "reshape", "reshape_infer",
    "reshape_new_shape_option", "resize_nearest_neighbor", "resize_nearest_neighbor_align_corners",
    "resize_nearest_neighbor_half_pixel", "reverse_v2", "reverse_v2_two_axes", "slice",
    "space_to_batch_nd", "split_axis1", "split_channels", "split_v", "split_v_infer",
    "strided_slice", "strided_slice_shrink", "transpose_2d", "transpose_nchw", "unpack_axis1",
    "unpack_last",
    # int16 unary ops (fixture_cases/elementwise.py: the *_wide cases are int16x8 only)
    "leaky_relu", "leaky_relu_wide", "relu", "relu_wide", "relu6", "relu6_wide", "abs", "abs_wide", "rsqrt",
    "rsqrt_wide", "exp", "exp_wide", "log", "log_wide", "gelu", "gelu_wide", "gelu_approximate",
    "gelu_approximate_wide", "resize_bilinear", "resize_bilinear_half_pixel", "resize_bilinear_align_corners",
    "resize_bilinear_downscale_half_pixel", "batch_matmul", "batch_matmul_adj_broadcast", "batch_matmul_const_rhs",
    "reduce_prod", "reduce_prod_keepdims",
}


def converter_fixtures(only: Optional[str], failures: List[str]) -> List[Fixture]:
    fixtures = []
    for case in all_cases():
        # (hybrid.py reuses some names for its dynamic-range cases; those stay hybrid only)
        in_16x8 = case.name in INT16X8_CASES and "hybrid" not in case.dtypes
        dtypes = tuple(case.dtypes) + (("int16x8",) if in_16x8 else ())
        for dtype in dtypes:
            name = "%s_%s" % (case.name, dtype)
            if only and only not in name:
                continue
            rng = case_rng(name)
            body = case.make(rng)
            samples = calibration_inputs(case, rng)
            test = random_inputs(case, rng)
            try:
                with quiet_stderr():
                    if dtype == "uint8":
                        model = convert_tf1_uint8(case, body, samples)
                    else:
                        model = convert_tf2(case, body, dtype, samples)
            except Exception as e:  # converter errors are reported, not fatal
                failures.append("%s: converter: %s" % (name, str(e).strip().splitlines()[-1]))
                continue
            if case.patch:
                m = read_model(model)
                case.patch(m)
                model = write_model(m)
            fixtures.append(Fixture(name, case.op, dtype, model, test))
    return fixtures


def quantize_chain_fixtures(only: Optional[str]) -> List[Fixture]:
    """QUANTIZE/DEQUANTIZE as the converter emits them: an int8 model whose
    interface stays float32, or is uint8 (requantized to int8 inside)."""
    out = []
    for io, name in ((tf.float32, "quantize_chain_float_io_int8"),
                     (tf.uint8, "quantize_chain_uint8_io_int8")):
        if only and only not in name:
            continue
        rng = case_rng(name)
        case = Case(name, "QUANTIZE", [(1, 6, 6, 3)], conv2d(3, 3, 3, 4, 1, "SAME"))
        body = case.make(rng)
        samples = calibration_inputs(case, rng)
        test = random_inputs(case, rng)
        with quiet_stderr():
            model = convert_tf2(case, body, "int8", samples, io_type=io)
        dtype = "uint8" if io == tf.uint8 else "int8"
        out.append(Fixture(name, "QUANTIZE", dtype, model, test))
    return out


def json_fixtures(only: Optional[str]) -> List[Fixture]:
    out = []
    for name, op, dtype, doc in quantize_json_cases():
        if only and only not in name:
            continue
        rng = case_rng(name)
        model = model_from_json(doc)
        # Cover values outside the quantized range too (saturation).
        graph = doc["subgraphs"][0]
        span = 12.0 if op in ("LOGISTIC", "TANH") else 3.0
        test = [rng.uniform(-span, span, graph["tensors"][i]["shape"]).astype(np.float32)
                for i in graph["inputs"]]
        if op == "DIV":  # TFLite refuses a divisor equal to its zero point: keep clear of zero
            d = test[1]
            test[1] = (np.sign(d) + (d == 0)) * (0.2 + np.abs(d))
        out.append(Fixture(name, op, dtype, model, test))
    return out


def tolerance_for(outputs: List[np.ndarray]) -> float:
    return FLOAT_TOLERANCE if any(o.dtype.kind == "f" for o in outputs) else 0.0


def write_fixture(out_dir: str, fx: Fixture, notes: List[str]) -> dict:
    m = read_model(fx.model)
    ops = op_names(m)
    if fx.op not in ops:
        raise RuntimeError("%s: converter produced %s, no %s" % (fx.name, ops, fx.op))
    check_io_order(fx.model, m)
    inputs = test_inputs(fx.model, fx.float_inputs)
    expected = run_tflite(fx.model, inputs)
    tol = tolerance_for(expected)
    fixture_notes = cross_check(fx.name, fx.model, inputs, expected, tol)
    notes.extend(fixture_notes)

    d = os.path.join(out_dir, fx.name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "model.tflite"), "wb") as f:
        f.write(fx.model)
    for i, x in enumerate(inputs):
        np.save(os.path.join(d, "input_%d.npy" % i), x, allow_pickle=False)
    for i, y in enumerate(expected):
        np.save(os.path.join(d, "expected_%d.npy" % i), y, allow_pickle=False)
    print("%-46s %-8s %6d B  ops=%s  in=%s out=%s" % (
        fx.name, fx.dtype, len(fx.model), ",".join(ops),
        ",".join("%s%s" % (x.dtype, list(x.shape)) for x in inputs),
        ",".join("%s%s" % (y.dtype, list(y.shape)) for y in expected)))
    for n in fixture_notes:
        print("  note: " + n)
    return {"name": fx.name, "op": fx.op, "dtype": fx.dtype, "tolerance": tol,
            "inputs": len(inputs), "outputs": len(expected)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "data", "ops"))
    ap.add_argument("--only", help="generate only fixtures whose name contains this")
    args = ap.parse_args(argv)

    import_tf()
    failures: List[str] = []
    fixtures = (converter_fixtures(args.only, failures) + quantize_chain_fixtures(args.only)
                + json_fixtures(args.only))
    if not args.only and os.path.isdir(args.out):
        shutil.rmtree(args.out)  # stale fixtures must not linger
    os.makedirs(args.out, exist_ok=True)
    manifest = []
    notes: List[str] = []
    for fx in fixtures:
        try:
            manifest.append(write_fixture(args.out, fx, notes))
        except Exception as e:
            failures.append("%s: %s" % (fx.name, e))

    manifest_path = os.path.join(args.out, "manifest.json")
    if args.only and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            new_names = {e["name"] for e in manifest}
            # Entries regenerated now are replaced; those whose fixture directory is gone are dropped.
            old = [m for m in json.load(f) if m["name"] not in new_names
                   and os.path.isdir(os.path.join(args.out, m["name"]))]
        manifest = old + manifest
    manifest.sort(key=lambda m: m["name"])
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    if not args.only:
        with open(os.path.join(args.out, "KERNEL_DIFFERENCES.txt"), "w") as f:
            f.write("Fixtures whose expected outputs (TFLite reference kernels) differ from\n"
                    "other TFLite kernel sets on the same input.  Written by gen_fixtures.py.\n\n")
            f.writelines(n + "\n" for n in notes)
    print("wrote %d fixtures to %s" % (len(manifest), args.out))
    for f in failures:
        print("FAILED " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
