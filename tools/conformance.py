#!/usr/bin/env python3
"""Compare flatnn with TensorFlow Lite, model by model, output by output.

  tools/conformance.py [MODEL_OR_DIR ...] [--flatnn build/bin/flatnn]
                       [--shared ../shared] [--seeds 3] [--float-tolerance T]

With no MODEL_OR_DIR: every CPU model under <shared>/models/coral-test-data
(Edge TPU builds and invalid_models/ skipped) and every fixture listed in
tests/data/ops/manifest.json.  A directory holding manifest.json is read as a
fixture set; any other directory is searched for *.tflite.

Each model runs on seeded random inputs (--seeds of them), on its stored
fixture inputs where it has some, and, for image models (4-D uint8/int8 input
with 3 channels), on the test images preprocessed like the Coral test suites.
flatnn runs through its CLI (`flatnn run MODEL --input in_<i>.npy ...
--output-dir DIR`, which writes DIR/output_<i>.npy); TFLite runs through
ai-edge-litert with its reference kernels unless --tflite-kernels says
otherwise.

One line is printed per model x input x output: `bit-exact`, or the largest
absolute difference and how many elements differ.  The exit status is 1 if an
integer output differs at all, a float output differs by more than its
tolerance, a shape or dtype differs, or flatnn fails on a model that TFLite
runs; 2 for usage errors.

Models with a custom op that ai-edge-litert lacks (PosenetDecoderOp) cannot
run in TFLite as they are.  For those the script cuts the graph just before
the missing op, so that both engines are compared on the tensors that feed
it, and prints a visible SKIP line for the op itself (the PoseNet decoder is
checked against its reference CSV by the C++ tests instead).
"""

import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import gen_fixtures as fx  # noqa: E402  (schema object API, op names)

CORAL = os.path.join("models", "coral-test-data")
IMAGES = ["cat.bmp", "bird.bmp", "grace_hopper.bmp", "sunflower.bmp",
          os.path.join("posenet", "test_image.bmp")]
DEFAULT_FLOAT_TOLERANCE = 1e-4
FLATNN_TIMEOUT_S = 600


# --------------------------------------------------------------------------
# Images


def read_bmp(path: str) -> np.ndarray:
    """Uncompressed 24/32-bit BMP -> HxWx3 uint8 RGB, top row first."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] != b"BM":
        raise ValueError("%s: not a BMP file" % path)
    (pixel_offset,) = struct.unpack_from("<I", data, 10)
    width, height, _, bits, compression = struct.unpack_from("<iiHHI", data, 18)
    if bits not in (24, 32) or compression not in (0, 3):
        raise ValueError("%s: %d-bit BMP with compression %d not supported"
                         % (path, bits, compression))
    channels = bits // 8
    stride = (width * channels + 3) // 4 * 4  # rows are padded to 4 bytes
    rows = abs(height)
    raw = np.frombuffer(data, np.uint8, stride * rows, pixel_offset).reshape(rows, stride)
    pixels = raw[:, :width * channels].reshape(rows, width, channels)[:, :, 2::-1]  # BGR->RGB
    if height > 0:  # positive height: stored bottom-up
        pixels = pixels[::-1]
    return np.ascontiguousarray(pixels)


def resize_bilinear(image: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """Bilinear resize on float values, half-pixel centers, no corner
    alignment; the result is truncated to uint8."""
    in_h, in_w = image.shape[:2]
    src = image.astype(np.float64)

    def taps(n_out, n_in):
        x = (np.arange(n_out) + 0.5) * (n_in / n_out) - 0.5
        lo = np.floor(x)
        frac = x - lo
        i0 = np.clip(lo, 0, n_in - 1).astype(np.int64)
        i1 = np.clip(lo + 1, 0, n_in - 1).astype(np.int64)
        return i0, i1, frac

    y0, y1, fy = taps(out_h, in_h)
    x0, x1, fx_ = taps(out_w, in_w)
    fy = fy[:, None, None]
    fx_ = fx_[None, :, None]
    top = src[y0][:, x0] * (1 - fx_) + src[y0][:, x1] * fx_
    bottom = src[y1][:, x0] * (1 - fx_) + src[y1][:, x1] * fx_
    out = top * (1 - fy) + bottom * fy
    return np.clip(out, 0, 255).astype(np.uint8)  # astype truncates


def image_input(path: str, detail: dict) -> np.ndarray:
    _, h, w, _ = detail["shape"]
    pixels = resize_bilinear(read_bmp(path), int(h), int(w))[None]
    if detail["dtype"] == np.int8:
        return (pixels.astype(np.int16) - 128).astype(np.int8)  # same bytes, shifted
    return pixels


def is_image_input(detail: dict) -> bool:
    shape = detail["shape"]
    return (len(shape) == 4 and shape[3] == 3 and shape[1] > 1 and shape[2] > 1
            and detail["dtype"] in (np.uint8, np.int8))


# --------------------------------------------------------------------------
# Inputs


def random_input(detail: dict, rng: np.random.Generator) -> np.ndarray:
    shape = [int(d) for d in detail["shape"]]
    dt = np.dtype(detail["dtype"])
    if dt.kind == "f":
        return rng.uniform(-1.0, 1.0, shape).astype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(np.bool_)
    if dt.itemsize == 1:
        info = np.iinfo(dt)
        return rng.integers(info.min, info.max, shape, endpoint=True).astype(dt)
    # Wider integers are usually indices or shapes: keep them small.
    return rng.integers(0, 4, shape).astype(dt)


@dataclass
class InputSet:
    label: str
    arrays: List[np.ndarray]
    expected: Optional[List[np.ndarray]] = None  # stored fixture outputs


def input_sets(target: "Target", details: List[dict], seeds: int,
               image_dir: Optional[str]) -> List[InputSet]:
    sets = []
    if target.fixture_dir:
        d = target.fixture_dir
        ins = [np.load(os.path.join(d, "input_%d.npy" % i)) for i in range(len(details))]
        exp = []
        i = 0
        while os.path.exists(os.path.join(d, "expected_%d.npy" % i)):
            exp.append(np.load(os.path.join(d, "expected_%d.npy" % i)))
            i += 1
        sets.append(InputSet("fixture", ins, exp))
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        sets.append(InputSet("seed=%d" % seed, [random_input(d, rng) for d in details]))
    if image_dir and len(details) == 1 and is_image_input(details[0]):
        for name in IMAGES:
            path = os.path.join(image_dir, name)
            if os.path.exists(path):
                sets.append(InputSet(name, [image_input(path, details[0])]))
    return sets


# --------------------------------------------------------------------------
# TensorFlow Lite side

KERNELS = {
    "reference": "BUILTIN_REF",
    "optimized": "BUILTIN_WITHOUT_DEFAULT_DELEGATES",
    "xnnpack": "AUTO",
}


class TFLite:
    def __init__(self, model_path: str, kernels: str):
        from ai_edge_litert.interpreter import Interpreter, OpResolverType

        kind = getattr(OpResolverType, KERNELS[kernels])
        self.make = lambda: Interpreter(model_path=model_path, experimental_op_resolver_type=kind)
        self.interp = self.make()
        self.interp.allocate_tensors()
        # Resource variables (VAR_HANDLE) keep their values across invokes and reset_all_variables() does not
        # clear them: such models get a fresh interpreter per run.
        self.fresh = any(o["op_name"] == "VAR_HANDLE" for o in self.interp._get_ops_details())

    def inputs(self) -> List[dict]:
        return self.interp.get_input_details()

    def run(self, arrays: List[np.ndarray]) -> List[np.ndarray]:
        if self.fresh:
            self.interp = self.make()
            self.interp.allocate_tensors()
        # A dynamic dimension (shape_signature -1) may come at another size than the stored shape.
        if any(list(d["shape"]) != list(x.shape) for d, x in zip(self.inputs(), arrays)):
            for d, x in zip(self.inputs(), arrays):
                self.interp.resize_tensor_input(d["index"], list(x.shape))
            self.interp.allocate_tensors()
        for d, x in zip(self.inputs(), arrays):
            self.interp.set_tensor(d["index"], x)
        # Every run starts from zero state, as a fresh `flatnn run` does: variable tensors (LSTM states) would
        # otherwise carry over from the previous input.
        self.interp.reset_all_variables()
        self.interp.invoke()
        return [self.interp.get_tensor(d["index"]).copy()
                for d in self.interp.get_output_details()]


def missing_custom_op(error: Exception) -> Optional[str]:
    m = re.search(r"unresolved custom op: (\w+)", str(error))
    return m.group(1) if m else None


def cut_before_custom_op(model_path: str, op_name: str, out_path: str) -> int:
    """Writes a copy of the model without the operators named `op_name` and
    everything downstream of them; the tensors that fed them become graph
    outputs.  Returns the number of those outputs (0: nothing to compare)."""
    with open(model_path, "rb") as f:
        m = fx.read_model(f.read())
    sg = m.subgraphs[0]
    names = fx.op_names(m)
    produced_by_cut = set()
    kept, cut_inputs = [], []
    for op, name in zip(sg.operators, names):
        ins = [int(t) for t in (op.inputs if op.inputs is not None else []) if t >= 0]
        if name == op_name or any(t in produced_by_cut for t in ins):
            produced_by_cut.update(int(t) for t in op.outputs)
            cut_inputs += [t for t in ins if t not in produced_by_cut]
        else:
            kept.append(op)
    # Only activations: tensors with constant data stay inside the model.
    def has_data(t):
        data = m.buffers[sg.tensors[t].buffer].data
        return data is not None and len(data) > 0

    outputs = [int(t) for t in sg.outputs if int(t) not in produced_by_cut]
    for t in cut_inputs:
        if t not in outputs and not has_data(t):
            outputs.append(t)
    sg.operators = kept
    sg.outputs = outputs
    m.signatureDefs = None  # they name the removed outputs
    with open(out_path, "wb") as f:
        f.write(fx.write_model(m))
    return len(outputs)


# --------------------------------------------------------------------------
# flatnn side


class FlatnnError(Exception):
    pass


def run_flatnn(flatnn: str, model_path: str, arrays: List[np.ndarray],
               work: str) -> List[np.ndarray]:
    if os.path.isdir(work):
        shutil.rmtree(work)
    out_dir = os.path.join(work, "out")
    os.makedirs(out_dir)
    cmd = [flatnn, "run", model_path]
    for i, x in enumerate(arrays):
        p = os.path.join(work, "in_%d.npy" % i)
        np.save(p, np.ascontiguousarray(x), allow_pickle=False)
        cmd += ["--input", p]
    cmd += ["--output-dir", out_dir]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=FLATNN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise FlatnnError("timed out after %d s" % FLATNN_TIMEOUT_S)
    if r.returncode != 0:
        msg = (r.stderr or r.stdout).strip().splitlines()
        raise FlatnnError("exit %d: %s" % (r.returncode, msg[-1] if msg else "(no message)"))
    outs = []
    while os.path.exists(os.path.join(out_dir, "output_%d.npy" % len(outs))):
        outs.append(np.load(os.path.join(out_dir, "output_%d.npy" % len(outs))))
    return outs


# --------------------------------------------------------------------------
# Comparison


def describe(a: np.ndarray) -> str:
    return "%s%s" % (a.dtype, list(a.shape))


def compare(ref: np.ndarray, got: np.ndarray, float_tol: float) -> Tuple[bool, str]:
    """(ok, text) for one output."""
    if ref.dtype != got.dtype or ref.shape != got.shape:
        return False, "MISMATCH: TFLite gives %s, flatnn %s  FAIL" % (describe(ref), describe(got))
    if ref.dtype.kind == "f":
        a, b = ref.astype(np.float64), got.astype(np.float64)
        nan_a, nan_b = np.isnan(a), np.isnan(b)
        if np.array_equal(nan_a, nan_b) and np.array_equal(a[~nan_a], b[~nan_b]):
            return True, "bit-exact"
        diff = np.abs(np.where(nan_a | nan_b, np.inf, a - b))
        diff[nan_a & nan_b] = 0.0
        worst = float(diff.max())
        over = int(np.count_nonzero(diff > float_tol))
        differ = int(np.count_nonzero(diff))
        ok = over == 0
        return ok, "max |diff| %.3g, %d of %d elements differ, %d beyond %g%s" % (
            worst, differ, ref.size, over, float_tol, "" if ok else "  FAIL")
    if np.array_equal(ref, got):
        return True, "bit-exact"
    diff = np.abs(ref.astype(np.int64) - got.astype(np.int64))
    return False, "max |diff| %d, %d of %d elements differ  FAIL" % (
        int(diff.max()), int(np.count_nonzero(diff)), ref.size)


# --------------------------------------------------------------------------
# Targets


@dataclass
class Target:
    label: str
    model_path: str
    float_tol: float = DEFAULT_FLOAT_TOLERANCE
    fixture_dir: Optional[str] = None
    images: bool = True


def is_cpu_model(path: str) -> bool:
    return "_edgetpu" not in os.path.basename(path) and "invalid_models" not in path.split(os.sep)


def fixture_targets(directory: str) -> List[Target]:
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    return [Target("ops/" + e["name"], os.path.join(directory, e["name"], "model.tflite"),
                   float_tol=e["tolerance"] or DEFAULT_FLOAT_TOLERANCE,
                   fixture_dir=os.path.join(directory, e["name"]), images=False)
            for e in manifest]


def model_targets(directory: str, root: str) -> List[Target]:
    found = []
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.endswith(".tflite") and is_cpu_model(path):
                found.append(Target(os.path.relpath(path, root), path))
    return found


def collect_targets(paths: List[str], shared: str) -> List[Target]:
    if not paths:
        coral = os.path.join(shared, CORAL)
        if not os.path.isdir(coral):
            raise SystemExit("conformance: %s not found (use --shared)" % coral)
        paths = [coral, os.path.join(REPO, "tests", "data", "ops")]
    targets = []
    for p in paths:
        if os.path.isfile(os.path.join(p, "manifest.json")):
            targets += fixture_targets(p)
        elif os.path.isfile(os.path.join(p, "model.tflite")):
            targets.append(Target(p, os.path.join(p, "model.tflite"), fixture_dir=p, images=False))
        elif os.path.isdir(p):
            targets += model_targets(p, os.path.dirname(os.path.abspath(p)))
        elif os.path.isfile(p):
            targets.append(Target(p, p))
        else:
            raise SystemExit("conformance: %s: no such file or directory" % p)
    return targets


# --------------------------------------------------------------------------
# Driver


@dataclass
class Tally:
    compared: int = 0
    exact: int = 0
    refused: int = 0  # input sets both runtimes refuse
    failures: List[str] = field(default_factory=list)
    skips: List[str] = field(default_factory=list)


def check_target(t: Target, args, tally: Tally, work: str):
    model_path = t.model_path
    label = t.label
    full_model = None  # set when only a cut copy can be compared
    try:
        tfl = TFLite(model_path, args.tflite_kernels)
    except (RuntimeError, ValueError) as e:
        op = missing_custom_op(e)
        if not op:
            tally.skips.append("%s: TFLite cannot load it: %s" % (label, str(e).splitlines()[0]))
            print("%s: SKIP (TFLite cannot load it: %s)" % (label, str(e).splitlines()[0]))
            return
        print("%s: SKIP (TFLite lacks custom op %s); comparing the tensors feeding it instead"
              % (label, op))
        tally.skips.append("%s: custom op %s" % (label, op))
        cut = os.path.join(work, "cut_" + os.path.basename(model_path))
        if cut_before_custom_op(model_path, op, cut) == 0:
            print("%s: SKIP (nothing left to compare before %s)" % (label, op))
            return
        full_model = (model_path, label)
        model_path, label = cut, "%s[before %s]" % (label, op)
        tfl = TFLite(model_path, args.tflite_kernels)

    details = tfl.inputs()
    image_dir = os.path.join(args.shared, CORAL) if t.images else None
    for s in input_sets(t, details, args.seeds, image_dir):
        head = "%s  %s" % (label, s.label)
        try:
            ref = tfl.run(s.arrays)
        except RuntimeError as e:
            # TFLite refuses this input (e.g. a quantized DIV by zero): flatnn must refuse it too.
            reason = str(e).splitlines()[0]
            try:
                run_flatnn(args.flatnn, model_path, s.arrays, os.path.join(work, "run"))
                msg = "%s: TFLite refused the input (%s) but flatnn ran  FAIL" % (head, reason)
                tally.failures.append(msg)
            except FlatnnError as f:
                msg = "%s: both refuse the input (TFLite: %s; flatnn: %s)" % (head, reason, f)
                tally.refused += 1
            print(msg)
            continue
        if s.expected is not None and args.tflite_kernels == "reference":
            # The fixtures were made with the reference kernels: a difference
            # means they are stale for this ai-edge-litert version.
            stale = [i for i, (a, b) in enumerate(zip(ref, s.expected))
                     if not compare(a, b, t.float_tol)[0]]
            if stale or len(ref) != len(s.expected):
                print("%s: note: stored expected outputs %s differ from this TFLite build"
                      % (head, stale or "(count)"))
        if args.tflite_only:
            for i, y in enumerate(ref):
                print("%s  output %d %s: TFLite ran" % (head, i, describe(y)))
            continue
        try:
            got = run_flatnn(args.flatnn, model_path, s.arrays, os.path.join(work, "run"))
        except FlatnnError as e:
            msg = "%s: flatnn failed (%s)  FAIL" % (head, e)
            print(msg)
            tally.failures.append(msg)
            continue
        if len(got) != len(ref):
            msg = "%s: flatnn wrote %d outputs, TFLite has %d  FAIL" % (head, len(got), len(ref))
            print(msg)
            tally.failures.append(msg)
            continue
        for i, (a, b) in enumerate(zip(ref, got)):
            ok, text = compare(a, b, t.float_tol)
            line = "%s  output %d %s: %s" % (head, i, describe(a), text)
            print(line)
            tally.compared += 1
            tally.exact += text == "bit-exact"
            if not ok:
                tally.failures.append(line)
    if full_model and not args.tflite_only:
        report_full_model(full_model, s.arrays, args, work)


def report_full_model(full_model, arrays, args, work: str):
    """Informational: does flatnn run the whole model?  Not counted either
    way, since TFLite gives nothing to compare with."""
    path, label = full_model
    try:
        outs = run_flatnn(args.flatnn, path, arrays, os.path.join(work, "run"))
        print("%s: flatnn ran the full model: %s (no TFLite reference)"
              % (label, ", ".join(describe(y) for y in outs)))
    except FlatnnError as e:
        print("%s: flatnn failed on the full model (%s); not counted" % (label, e))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Compare flatnn with TensorFlow Lite on real models and op fixtures.")
    ap.add_argument("paths", nargs="*", metavar="MODEL_OR_DIR")
    ap.add_argument("--flatnn", default=os.path.join(REPO, "build", "bin", "flatnn"),
                    help="the flatnn CLI (default: build/bin/flatnn)")
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"),
                    help="shared data directory holding models/coral-test-data")
    ap.add_argument("--seeds", type=int, default=3, help="random input sets per model")
    ap.add_argument("--tflite-kernels", choices=sorted(KERNELS), default="reference",
                    help="TFLite kernel set used as the reference (default: reference)")
    ap.add_argument("--float-tolerance", type=float, default=None,
                    help="absolute float tolerance for whole models (not fixtures, which keep their own); "
                         "default %g" % DEFAULT_FLOAT_TOLERANCE)
    ap.add_argument("--tflite-only", action="store_true",
                    help="only run the TFLite side (checks inputs and models)")
    args = ap.parse_args(argv)

    if not args.tflite_only and not (os.path.isfile(args.flatnn) and os.access(args.flatnn, os.X_OK)):
        print("conformance: flatnn CLI not found at %s (build it, or pass --flatnn)"
              % args.flatnn, file=sys.stderr)
        return 2
    targets = collect_targets(args.paths, args.shared)
    if args.float_tolerance is not None:
        for t in targets:
            if t.fixture_dir is None:  # whole models accumulate more rounding than one op
                t.float_tol = args.float_tolerance
    tally = Tally()
    work = tempfile.mkdtemp(prefix="flatnn_conformance_")
    try:
        for t in targets:
            check_target(t, args, tally, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("\n%d models, %d outputs compared, %d bit-exact, %d input sets refused by both, %d failures, %d skipped"
          % (len(targets), tally.compared, tally.exact, tally.refused, len(tally.failures), len(tally.skips)))
    for s in tally.skips:
        print("  skipped: " + s)
    for f in tally.failures:
        print("  FAILED: " + f)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
