#!/usr/bin/env python3
"""Generate the dynamic-batch model fixtures in tests/data/dynamic_batch.

Small Keras models with a None batch dimension, converted by TensorFlow's TFLiteConverter (float32 and int8
full-integer with a representative dataset).  The converter computes the batch-dependent shapes in the graph
(SHAPE -> STRIDED_SLICE -> PACK/CONCATENATION -> RESHAPE) and stores placeholder 1s in the planned shapes, so
running them at another batch needs those values at prepare.  Expected outputs come from TensorFlow Lite's
interpreter (ai-edge-litert, reference kernels) after resize_tensor_input to batch 3 and batch 1, never from
flatnn.

Layout written (read by tests/runtime/test_dynamic_batch.cpp):
  tests/data/dynamic_batch/<name>/model.tflite
  tests/data/dynamic_batch/<name>/input_b<N>.npy      N = 3, 1 (one model input)
  tests/data/dynamic_batch/<name>/expected_b<N>.npy   (one model output)

Usage: tools/gen_dynamic_batch.py [--out tests/data/dynamic_batch]
Deterministic for a fixed TensorFlow version (fixed seeds).
"""

import argparse
import os
import shutil
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCHES = (3, 1)
CALIBRATION_SAMPLES = 8


def conv_flatten_dense(k):
    x = k.Input((8, 8, 3), batch_size=None)
    y = k.layers.Conv2D(4, 3, activation="relu")(x)
    y = k.layers.MaxPooling2D(2)(y)
    y = k.layers.Flatten()(y)
    y = k.layers.Dense(5)(y)
    return k.Model(x, y)


def reshape_layer(k):
    x = k.Input((6, 4), batch_size=None)
    y = k.layers.Dense(6, activation="tanh")(x)
    y = k.layers.Reshape((4, 9))(y)
    y = k.layers.Conv1D(3, 2)(y)
    y = k.layers.Reshape((-1,))(y)
    return k.Model(x, y)


def dense_rank3(k):
    x = k.Input((5, 7), batch_size=None)
    y = k.layers.Dense(6, activation="relu")(x)
    y = k.layers.Dense(4)(y)
    return k.Model(x, y)


MODELS = {
    "conv_flatten_dense": conv_flatten_dense,
    "reshape_layer": reshape_layer,
    "dense_rank3": dense_rank3,
}


def convert(model, form, rng):
    import tensorflow as tf

    spec = tf.TensorSpec([None] + list(model.inputs[0].shape[1:]), tf.float32, name="input_0")
    module = tf.Module()
    module.f = tf.function(lambda x: model(x, training=False), input_signature=[spec])
    conv = tf.lite.TFLiteConverter.from_concrete_functions([module.f.get_concrete_function()], module)

    def samples():
        for _ in range(CALIBRATION_SAMPLES):
            yield [rng.uniform(-1, 1, [2] + list(spec.shape[1:])).astype(np.float32)]

    if form == "int8":
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = samples
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
    return conv.convert()


def run_tflite(model_bytes, x):
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    it = Interpreter(model_content=model_bytes, experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    inp = it.get_input_details()[0]
    it.resize_tensor_input(inp["index"], list(x.shape), strict=True)
    it.allocate_tensors()
    it.set_tensor(inp["index"], x)
    it.invoke()
    outs = it.get_output_details()
    assert len(outs) == 1
    return it.get_tensor(outs[0]["index"]).copy(), inp


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "data", "dynamic_batch"))
    args = ap.parse_args(argv)
    import keras as k

    for name, build in MODELS.items():
        for form in ("float32", "int8"):
            k.utils.set_random_seed(1234)
            rng = np.random.default_rng(42)
            model = build(k)
            tfl = convert(model, form, rng)
            d = os.path.join(args.out, "%s_%s" % (name, form))
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            with open(os.path.join(d, "model.tflite"), "wb") as f:
                f.write(tfl)
            for b in BATCHES:
                xf = rng.uniform(-1, 1, [b] + list(model.inputs[0].shape[1:])).astype(np.float32)
                if form == "int8":
                    from ai_edge_litert.interpreter import Interpreter
                    inp = Interpreter(model_content=tfl).get_input_details()[0]
                    scale, zp = inp["quantization"]
                    x = np.clip(np.round(xf / scale) + zp, -128, 127).astype(np.int8)
                else:
                    x = xf
                y, _ = run_tflite(tfl, x)
                np.save(os.path.join(d, "input_b%d.npy" % b), x, allow_pickle=False)
                np.save(os.path.join(d, "expected_b%d.npy" % b), y, allow_pickle=False)
            print(d, os.path.getsize(os.path.join(d, "model.tflite")), "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
