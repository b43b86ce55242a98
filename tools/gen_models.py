#!/usr/bin/env python3
"""Build small whole models with TensorFlow (random weights) for the conformance check.

  tools/gen_models.py [OUT_DIR] [--only NAME] [--forms float32,dynamic,int8,int16x8]

Writes OUT_DIR/<net>_<form>.tflite (default OUT_DIR: build/models; generated, not committed) for:
  mobilenet_v3_small  inverted residuals with squeeze-excite, HARD_SWISH (96x96x3)
  efficientnet_lite   MBConv blocks with RELU6, no squeeze-excite (96x96x3)
  transformer_encoder two encoder blocks: BATCH_MATMUL attention, SOFTMAX, layer norm, GELU (16 tokens x 32)
  lstm_classifier     Keras LSTM + dense softmax (12 steps x 8 features)
  unet                two-level U-Net with TRANSPOSE_CONV upsampling and skip concatenation (64x64x3)
each as float32, dynamic-range (int8 weights, float activations), int8 (full integer, int8 interface) and
int16x8 (int16 activations, int8 weights) where the converter supports that form; a form the converter
refuses is listed, not fatal. Then compare them with TensorFlow Lite:

  tools/conformance.py build/models --float-tolerance 1e-3

(needs TensorFlow, so CI does not run it by default: .ci/checks/models_conformance.sh does both steps.)
"""

import argparse
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import gen_fixtures as fx  # noqa: E402  (quiet_stderr, op names)

FORMS = ("float32", "dynamic", "int8", "int16x8")
CALIBRATION_SAMPLES = 8


def keras():
    import keras as k

    return k


# --------------------------------------------------------------------------
# Networks (Keras functional models; shapes kept small so the set builds in a few minutes)


def mobilenet_v3_small():
    k = keras()
    L = k.layers

    def hswish(x):
        return L.Activation("hard_swish")(x)

    def block(x, expand, out, kernel, stride, se, act):
        inp = x
        y = act(L.Conv2D(expand, 1, use_bias=False)(x))
        y = act(L.DepthwiseConv2D(kernel, strides=stride, padding="same")(y))
        if se:
            s = L.GlobalAveragePooling2D(keepdims=True)(y)
            s = L.Conv2D(max(8, expand // 4), 1, activation="relu")(s)
            s = L.Conv2D(expand, 1, activation="hard_sigmoid")(s)
            y = L.Multiply()([y, s])
        y = L.Conv2D(out, 1)(y)
        if stride == 1 and inp.shape[-1] == out:
            y = L.Add()([inp, y])
        return y

    relu = L.ReLU()
    x = inp = k.Input((96, 96, 3), batch_size=1)
    x = hswish(L.Conv2D(16, 3, strides=2, padding="same")(x))
    x = block(x, 16, 16, 3, 2, True, lambda t: L.ReLU()(t))
    x = block(x, 48, 24, 3, 2, False, lambda t: L.ReLU()(t))
    x = block(x, 64, 24, 3, 1, False, lambda t: L.ReLU()(t))
    x = block(x, 96, 40, 5, 2, True, hswish)
    x = block(x, 120, 40, 5, 1, True, hswish)
    x = hswish(L.Conv2D(144, 1)(x))
    x = L.GlobalAveragePooling2D(keepdims=True)(x)
    x = hswish(L.Conv2D(256, 1)(x))
    x = L.Flatten()(x)
    del relu
    return k.Model(inp, L.Dense(10, activation="softmax")(x)), (0.0, 1.0)


def efficientnet_lite():
    k = keras()
    L = k.layers

    def mbconv(x, expand, out, kernel, stride):
        inp = x
        y = x
        if expand != x.shape[-1]:
            y = L.ReLU(6.0)(L.BatchNormalization()(L.Conv2D(expand, 1, use_bias=False)(y)))
        y = L.ReLU(6.0)(L.BatchNormalization()(L.DepthwiseConv2D(kernel, strides=stride, padding="same",
                                                                   use_bias=False)(y)))
        y = L.BatchNormalization()(L.Conv2D(out, 1, use_bias=False)(y))
        if stride == 1 and inp.shape[-1] == out:
            y = L.Add()([inp, y])
        return y

    x = inp = k.Input((96, 96, 3), batch_size=1)
    x = L.ReLU(6.0)(L.BatchNormalization()(L.Conv2D(24, 3, strides=2, padding="same", use_bias=False)(x)))
    x = mbconv(x, 24, 16, 3, 1)
    x = mbconv(x, 64, 24, 3, 2)
    x = mbconv(x, 96, 24, 3, 1)
    x = mbconv(x, 96, 40, 5, 2)
    x = mbconv(x, 160, 40, 5, 1)
    x = mbconv(x, 160, 64, 3, 2)
    x = L.ReLU(6.0)(L.Conv2D(192, 1)(x))
    x = L.GlobalAveragePooling2D()(x)
    return k.Model(inp, L.Dense(10, activation="softmax")(x)), (-1.0, 1.0)


def transformer_encoder():
    k = keras()
    L, ops = k.layers, k.ops
    tokens, width, heads, ff = 16, 32, 4, 64
    head = width // heads

    def attention(x):
        def split(t):  # [1, tokens, width] -> [1, heads, tokens, head]
            return ops.transpose(ops.reshape(t, (1, tokens, heads, head)), (0, 2, 1, 3))

        q, kk, v = split(L.Dense(width)(x)), split(L.Dense(width)(x)), split(L.Dense(width)(x))
        scores = ops.matmul(q, ops.transpose(kk, (0, 1, 3, 2))) * (1.0 / float(np.sqrt(head)))  # float: stays float32
        ctx = ops.matmul(ops.softmax(scores, axis=-1), v)
        ctx = ops.reshape(ops.transpose(ctx, (0, 2, 1, 3)), (1, tokens, width))
        return L.Dense(width)(ctx)

    x = inp = k.Input((tokens, width), batch_size=1)
    for _ in range(2):
        x = L.LayerNormalization(epsilon=1e-5)(L.Add()([x, attention(x)]))
        y = L.Dense(width)(L.Dense(ff, activation="gelu")(x))
        x = L.LayerNormalization(epsilon=1e-5)(L.Add()([x, y]))
    x = L.GlobalAveragePooling1D()(x)
    return k.Model(inp, L.Dense(4, activation="softmax")(x)), (-2.0, 2.0)


def lstm_classifier():
    k = keras()
    L = k.layers
    x = inp = k.Input((12, 8), batch_size=1)
    x = L.LSTM(16)(x)
    return k.Model(inp, L.Dense(4, activation="softmax")(x)), (-1.0, 1.0)


def unet():
    k = keras()
    L = k.layers

    def conv(x, c):
        return L.Conv2D(c, 3, padding="same", activation="relu")(x)

    x = inp = k.Input((64, 64, 3), batch_size=1)
    e1 = conv(x, 8)
    e2 = conv(L.MaxPooling2D()(e1), 16)
    b = conv(L.MaxPooling2D()(e2), 32)
    d2 = conv(L.Concatenate()([L.Conv2DTranspose(16, 2, strides=2)(b), e2]), 16)
    d1 = conv(L.Concatenate()([L.Conv2DTranspose(8, 3, strides=2, padding="same")(d2), e1]), 8)
    return k.Model(inp, L.Conv2D(2, 1, activation="sigmoid")(d1)), (0.0, 1.0)


# Forms the converter cannot make without crashing the process (TensorFlow 2.21: a Keras 3 LSTM becomes a WHILE
# loop, and quantizing that loop with a representative dataset ends in a segmentation fault).
CONVERTER_CRASHES = {("lstm_classifier", "int8"), ("lstm_classifier", "int16x8")}

NETS = {
    "mobilenet_v3_small": mobilenet_v3_small,
    "efficientnet_lite": efficientnet_lite,
    "transformer_encoder": transformer_encoder,
    "lstm_classifier": lstm_classifier,
    "unet": unet,
}


# --------------------------------------------------------------------------
# Conversion


def convert(model, input_range, form, rng):
    import tensorflow as tf

    spec = tf.TensorSpec(model.inputs[0].shape, tf.float32, name="input_0")
    module = tf.Module()
    module.f = tf.function(lambda x: model(x, training=False), input_signature=[spec])
    conv = tf.lite.TFLiteConverter.from_concrete_functions([module.f.get_concrete_function()], module)
    lo, hi = input_range

    def samples():
        for _ in range(CALIBRATION_SAMPLES):
            yield [rng.uniform(lo, hi, spec.shape).astype(np.float32)]

    if form != "float32":
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
    if form == "int8":
        conv.representative_dataset = samples
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
    elif form == "int16x8":
        conv.representative_dataset = samples
        conv.target_spec.supported_ops = [
            tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
        conv.inference_input_type = tf.int16
        conv.inference_output_type = tf.int16
    return conv.convert()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=os.path.join(REPO, "build", "models"))
    ap.add_argument("--only", help="build only the nets whose name contains this")
    ap.add_argument("--forms", default=",".join(FORMS), help="comma-separated subset of " + ",".join(FORMS))
    args = ap.parse_args(argv)
    forms = [f for f in args.forms.split(",") if f]
    bad = [f for f in forms if f not in FORMS]
    if bad:
        ap.error("unknown form(s) %s" % ",".join(bad))

    fx.import_tf()
    k = keras()
    os.makedirs(args.out, exist_ok=True)
    failures = []
    for name, build in NETS.items():
        if args.only and args.only not in name:
            continue
        k.utils.set_random_seed(1234)
        model, input_range = build()
        for form in forms:
            rng = np.random.default_rng(99)
            label = "%s_%s" % (name, form)
            if (name, form) in CONVERTER_CRASHES:
                failures.append("%s: skipped, the converter crashes on it" % label)
                continue
            try:
                with fx.quiet_stderr():
                    data = convert(model, input_range, form, rng)
            except Exception as e:  # a form the converter refuses is reported, not fatal
                failures.append("%s: converter: %s" % (label, str(e).strip().splitlines()[-1][:200]))
                continue
            path = os.path.join(args.out, label + ".tflite")
            with open(path, "wb") as f:
                f.write(data)
            ops = sorted(set(fx.op_names(fx.read_model(data))))
            print("%-34s %8d B  ops=%s" % (label, len(data), ",".join(ops)))
    for f in failures:
        print("NOT BUILT " + f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
