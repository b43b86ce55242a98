#!/usr/bin/env python3
"""Builds float32 and int8 MobileNet v1 / v2 (224x224, width 1.0) for the benchmarks: Keras applications with random
weights, converted by the TensorFlow Lite converter; int8 models are fully integer (int8 input and output)
calibrated on a random representative dataset. Writes into OUT_DIR (the build tree: generated, never committed).

  bench/make_models.py OUT_DIR
"""
import os
import sys


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    try:
        import numpy as np
        import tensorflow as tf
    except ImportError as e:
        print(f"SKIPPED: TensorFlow is not installed ({e}); no generated models")
        return 0
    tf.random.set_seed(1)
    rng = np.random.default_rng(1)
    # A static batch of 1: with a dynamic batch the converter keeps SHAPE ops for Keras' reshapes.
    def image():
        return tf.keras.Input(shape=(224, 224, 3), batch_size=1)

    makers = {"mobilenet_v1": lambda: tf.keras.applications.MobileNet(weights=None, input_tensor=image()),
              "mobilenet_v2": lambda: tf.keras.applications.MobileNetV2(weights=None, input_tensor=image())}
    for name, make in makers.items():
        paths = {k: os.path.join(out, f"{name}_{k}.tflite") for k in ("float32", "int8")}
        if all(os.path.exists(p) for p in paths.values()):
            continue
        model = make()
        conv = tf.lite.TFLiteConverter.from_keras_model(model)
        with open(paths["float32"], "wb") as f:
            f.write(conv.convert())

        def representative():
            for _ in range(8):
                yield [rng.uniform(-1, 1, (1, 224, 224, 3)).astype(np.float32)]

        conv = tf.lite.TFLiteConverter.from_keras_model(model)
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = representative
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
        with open(paths["int8"], "wb") as f:
            f.write(conv.convert())
        print("wrote", paths["float32"], paths["int8"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
