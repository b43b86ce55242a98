#!/usr/bin/env bash
# Compile-time benchmark: seconds to compile (g++ -O2, one translation unit, link included) a program that
# includes the single header and runs MobileNet v1 on the CPU backend's SIMD kernels, with every op (the default
# configuration) and with the options for small programs: an op set restricted to the model's five ops
# (FLATNN_NO_DEFAULT_RESOLVER) and SIMD kernels for the best level the flags allow only
# (FLATNN_CPU_BEST_ARCH_ONLY). ARCH (default -march=native) enables the SIMD levels: without it x86-64 has no
# SSE4.1 and only the reference kernels would be compiled. Each build is timed REPEAT times (default 3) and the
# best is reported; both binaries then run the model (when ../shared has it) and must print the same line (top
# class, hash of every output byte, SIMD level).
# Usage: bench/compile_time/run.sh [MODEL.tflite]     env: CXX (default g++), REPEAT, ARCH
set -euo pipefail
cd "$(dirname "$0")/../.."
CXX="${CXX:-g++}"
REPEAT="${REPEAT:-3}"
ARCH="${ARCH--march=native}"
MODEL="${1:-../shared/models/coral-test-data/mobilenet_v1_0.25_128_quant.tflite}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
FLAGS=(-std=c++17 -O2 -ffp-contract=off -Isingle_include $ARCH)

best_time() {  # "wall s (cpu s)" of the fastest of REPEAT runs of "$@"; cpu = user + sys of the compiler
  python3 - "$REPEAT" "$@" <<'PY'
import resource, subprocess, sys, time
best = None
for _ in range(int(sys.argv[1])):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(sys.argv[2:], check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if best is None or cpu < best[1]:
        best = (wall, cpu)
print(f"{best[0]:.2f} s wall ({best[1]:.2f} s cpu)")
PY
}

all=$(best_time "$CXX" "${FLAGS[@]}" bench/compile_time/run_model.cpp -o "$OUT/all")
restricted=$(best_time "$CXX" "${FLAGS[@]}" -DFLATNN_BENCH_RESTRICTED -DFLATNN_NO_DEFAULT_RESOLVER \
  -DFLATNN_CPU_BEST_ARCH_ONLY bench/compile_time/run_model.cpp -o "$OUT/restricted")
echo "compile time ($CXX -O2 $ARCH, best of $REPEAT; load average $(cut -d" " -f1 /proc/loadavg)): all ops ${all}; restricted op set, best SIMD level only ${restricted}"
echo "binary size: all ops $(stat -c %s "$OUT/all") bytes, restricted $(stat -c %s "$OUT/restricted") bytes"
if [ -f "$MODEL" ]; then
  a=$("$OUT/all" "$MODEL"); r=$("$OUT/restricted" "$MODEL")
  echo "run: all ops: $a; restricted: $r"
  [ "$a" = "$r" ] || { echo "the two builds disagree" >&2; exit 1; }
  case "$r" in *"cpu kernels reference"*) echo "NOTE: ran the reference kernels: ARCH='$ARCH' enables no SIMD level here";; esac
else
  echo "SKIPPED: $MODEL is absent; the built programs did not run"
fi
