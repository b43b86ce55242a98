#!/usr/bin/env bash
# Bounded libFuzzer run of every harness in fuzz/ (a few minutes in total): load + verify, load + allocate +
# invoke, FlexBuffers + custom-op options, the Edge TPU package parser, .npy. Seeds: the op fixtures, tests/data/hostile and, when present,
# the models in ../shared. A crash, leak, sanitizer report, timeout or oversized allocation fails the check and
# leaves the input in build-fuzz-ci/artifacts (add it to tests/data/hostile with a .expect file once fixed).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/install_deps.sh
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! command -v clang++-14 >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang-14 libclang-rt-14-dev >/dev/null || true
fi
if ! command -v clang++-14 >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
  echo "SKIPPED: clang-14 / libclang-rt-14-dev unavailable; the fuzz harnesses did not run"
  exit 0
fi

B=build-fuzz-ci
CXX=clang++-14 cmake -S . -B $B -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLATNN_BUILD_FUZZERS=ON \
  -DFLATNN_BUILD_TESTS=OFF -DFLATNN_BUILD_TOOLS=OFF -DFLATNN_BUILD_EXAMPLES=OFF -DFLATNN_BUILD_BENCH=OFF \
  -DFLATNN_INSTALL=OFF -DFLATNN_NATIVE_ARCH=OFF >/dev/null
cmake --build $B -j2 --target fuzz_load fuzz_invoke fuzz_flexbuffers fuzz_npy fuzz_edgetpu_package

seeds=$B/seeds
rm -rf "$seeds" $B/corpus $B/artifacts
mkdir -p "$seeds"/tflite "$seeds"/flex "$seeds"/npy "$seeds"/edgetpu $B/artifacts
for d in tests/data/ops/*/; do cp "$d/model.tflite" "$seeds/tflite/$(basename "$d").tflite"; done
for f in tests/data/ops/*/*.npy; do cp "$f" "$seeds/npy/$(basename "$(dirname "$f")")_$(basename "$f")"; done
shopt -s nullglob
for f in tests/data/hostile/*.tflite; do cp "$f" "$seeds/tflite/"; done
for f in fuzz/seeds/flex/*; do cp "$f" "$seeds/flex/"; done
if [ -d ../shared/models ]; then
  find ../shared/models -name '*.tflite' -size -2000k -exec cp {} "$seeds/tflite/" \;
  mapfile -t compiled < <(find ../shared/models -name '*_edgetpu.tflite' | sort)
  python3 fuzz/extract_edgetpu_options.py "$seeds/edgetpu" "${compiled[@]}"
else
  echo "SKIPPED (partly): ../shared is absent; the fuzzers start from the fixtures only"
fi

# A fixed seed and a fixed number of executions make the run the same on every machine: a failure here is
# reproducible with the same command, and a pass does not depend on the machine's speed. max_total_time only
# bounds the time on a slow machine.
run() {  # harness executions max-seconds seed-dir
  local name=$1 runs=$2 secs=$3 seed=$4
  mkdir -p $B/corpus/$name
  echo "== fuzz_$name: $runs executions (seed 1, at most ${secs}s)"
  if ! UBSAN_OPTIONS=print_stacktrace=1 $B/fuzz/fuzz_$name $B/corpus/$name "$seeds/$seed" -seed=1 -runs="$runs" \
      -max_total_time="$secs" -max_len=4200000 -rss_limit_mb=2560 -timeout=30 -print_final_stats=1 \
      -artifact_prefix=$B/artifacts/$name- > $B/fuzz_$name.log 2>&1; then
    tail -n 60 $B/fuzz_$name.log
    echo "FAILED: fuzz_$name found a problem; input saved under $B/artifacts"
    exit 1
  fi
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' $B/fuzz_$name.log || true
}
run invoke 40000 240 tflite
run load 100000 120 tflite
run flexbuffers 130000 120 flex
run edgetpu_package 15000 60 edgetpu
run npy 300000 30 npy
echo "== fuzz: no crash in the bounded run"
