#!/usr/bin/env bash
# CPU backend: the kernel tests run in the main suite (tests/cpu, every SIMD level the machine runs). Here: the
# bench tool works end to end (text, JSON, Chrome trace, forced lower SIMD level) and the TensorFlow Lite
# comparison script runs. Timings are printed, never checked: a slow machine must not fail CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
FLATNN=build/bin/flatnn
MODEL=../shared/models/coral-test-data/mobilenet_v1_0.25_128_quant.tflite
if [ ! -x "$FLATNN" ]; then echo "SKIPPED: $FLATNN is not built"; exit 0; fi
if [ ! -f "$MODEL" ]; then echo "SKIPPED: $MODEL is absent; flatnn bench smoke test did not run"; exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$FLATNN" bench "$MODEL" --runs 3 --warmup 1 --profile
"$FLATNN" bench "$MODEL" --runs 3 --warmup 1 --threads 2 --profile --json --trace "$tmp/trace.json" > "$tmp/bench.json"
FLATNN_CPU_ARCH=sse4.1 "$FLATNN" bench "$MODEL" --runs 2 --warmup 1 --json > "$tmp/sse.json"
"$FLATNN" bench "$MODEL" --runs 2 --warmup 1 --backend reference --json > "$tmp/ref.json"
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
b = json.load(open(f"{d}/bench.json"))
for k in ("backend", "threads", "runs", "median_ms", "mean_ms", "min_ms", "ops"):
    assert k in b, f"bench --json lacks key {k}"
assert b["threads"] == 2 and b["runs"] == 3 and len(b["ops"]) > 0
t = json.load(open(f"{d}/trace.json"))
ops = [e for e in t["traceEvents"] if e.get("cat") == "op"]
assert len(ops) == 3 * len(b["ops"]), "trace must hold every op of every measured run"
assert all(e["ph"] == "X" and e["dur"] >= 0 for e in ops)
assert json.load(open(f"{d}/sse.json"))["simd"] in ("sse4.1", "reference")
assert json.load(open(f"{d}/ref.json"))["backend"] == "reference"
print("flatnn bench: text, JSON, trace and forced SIMD level OK")
PY
if python3 -c "import ai_edge_litert" 2>/dev/null; then
  python3 bench/compare_tflite.py --flatnn "$FLATNN" --models "$MODEL" --threads 1 --runs 3 --rounds 1
else
  echo "SKIPPED: ai-edge-litert is not installed; bench/compare_tflite.py did not run"
fi
