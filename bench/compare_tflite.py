#!/usr/bin/env python3
"""TensorFlow Lite (ai-edge-litert, XNNPACK as it ships) and `flatnn bench` side by side on the same models, in the
same run, alternating, at 1 and 2 threads. Prints model, threads, TFLite ms, flatnn ms, flatnn/TFLite and flatnn's
share of the machine's fp32 FMA peak.

Each (model, threads) pair runs `--rounds` rounds; a round times TFLite then flatnn (`--runs` invokes each after a
warmup) and each side keeps the median of its round medians, so a load spike hits both sides alike.

  bench/compare_tflite.py --flatnn build/bin/flatnn [--models a.tflite ...] [--threads 1 2] [--runs 20] [--rounds 3]

Default models: the quantized MobileNets in ../shared/models/coral-test-data plus the float32 / int8 MobileNets that
bench/make_models.py writes into --generated (when present).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CORAL = ["mobilenet_v1_0.25_128_quant.tflite", "mobilenet_v1_0.5_160_quant.tflite",
         "mobilenet_v1_0.75_192_quant.tflite", "mobilenet_v2_1.0_224_quant.tflite"]
GENERATED = ["mobilenet_v1_float32.tflite", "mobilenet_v1_int8.tflite",
             "mobilenet_v2_float32.tflite", "mobilenet_v2_int8.tflite"]
# fp32 peak per core: 2 x 256-bit FMA = 32 FLOP/cycle at ~3.0 GHz sustained (shared/reference/performance.md).
PEAK_GFLOPS_PER_CORE = 96.0


def tflite_median(path, threads, runs, warmup):
    from ai_edge_litert.interpreter import Interpreter
    it = Interpreter(model_path=path, num_threads=threads)
    it.allocate_tensors()
    rng = np.random.default_rng(42)
    for d in it.get_input_details():
        if np.issubdtype(d["dtype"], np.floating):
            x = rng.uniform(-1, 1, d["shape"]).astype(d["dtype"])
        else:
            info = np.iinfo(d["dtype"])
            x = rng.integers(info.min, info.max + 1, d["shape"]).astype(d["dtype"])
        it.set_tensor(d["index"], x)
    for _ in range(warmup):
        it.invoke()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        it.invoke()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def flatnn_run(flatnn, path, threads, runs, warmup, backend):
    out = subprocess.run([flatnn, "bench", path, "--backend", backend, "--threads", str(threads), "--runs", str(runs),
                          "--warmup", str(warmup), "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip() or f"flatnn bench exited with {out.returncode}")
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--flatnn", default=os.path.join(HERE, "..", "build", "bin", "flatnn"))
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--generated", default=os.path.join(HERE, "..", "build", "bench", "models"),
                    help="directory of the models bench/make_models.py writes")
    ap.add_argument("--models", nargs="*")
    ap.add_argument("--threads", nargs="*", type=int, default=[1, 2])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--backend", default="cpu")
    ap.add_argument("--json", help="also write the rows to this file")
    a = ap.parse_args()

    models = a.models
    if not models:
        coral = os.path.join(a.shared, "models", "coral-test-data")
        models = [os.path.join(coral, m) for m in CORAL if os.path.exists(os.path.join(coral, m))]
        if not models:
            print(f"SKIPPED: {coral} is absent; no coral models to compare")
        gen = [os.path.join(a.generated, m) for m in GENERATED if os.path.exists(os.path.join(a.generated, m))]
        if not gen:
            print(f"SKIPPED: no generated float32/int8 MobileNets in {a.generated} (run bench/make_models.py)")
        models += gen
    if not models:
        return 0
    if not os.path.exists(a.flatnn):
        print(f"error: {a.flatnn} does not exist (build the flatnn tool)", file=sys.stderr)
        return 2

    rows = []
    print(f"{'model':40s} {'thr':>3s} {'TFLite ms':>10s} {'flatnn ms':>10s} {'ratio':>7s} {'% peak':>7s}")
    for path in models:
        for threads in a.threads:
            tfl, fnn, gop = [], [], 0.0
            try:
                for _ in range(a.rounds):
                    tfl.append(tflite_median(path, threads, a.runs, a.warmup))
                    r = flatnn_run(a.flatnn, path, threads, a.runs, a.warmup, a.backend)
                    fnn.append(r["median_ms"])
                    gop = r["gops_total"]
            except RuntimeError as e:
                print(f"{os.path.basename(path):40s} {threads:3d}  flatnn failed: {e}", flush=True)
                rows.append({"model": os.path.basename(path), "threads": threads, "error": str(e)})
                continue
            t, f = statistics.median(tfl), statistics.median(fnn)
            peak = 100.0 * gop / (f / 1e3) / (PEAK_GFLOPS_PER_CORE * threads)
            row = {"model": os.path.basename(path), "threads": threads, "tflite_ms": t, "flatnn_ms": f,
                   "ratio": f / t, "peak_percent": peak, "tflite_rounds": tfl, "flatnn_rounds": fnn}
            rows.append(row)
            print(f"{row['model']:40s} {threads:3d} {t:10.3f} {f:10.3f} {f / t:7.2f} {peak:6.1f}%", flush=True)
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(rows, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
