#!/usr/bin/env bash
# ThreadSanitizer over the test files that start threads (several interpreters sharing one model, the thread pool,
# the Edge TPU pipeline runner). Any report fails the check. The whole suite runs under ASan + UBSan in
# 20-packaging.sh (the single-header build); a whole-suite TSan build would add another full build to CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/install_deps.sh

mapfile -t thread_tests < <(grep -rl --include='*.cpp' -e '<thread>' tests | grep -v '^tests/consumers/' | sort)
if [ "${#thread_tests[@]}" -eq 0 ]; then
  echo "SKIPPED: no test file starts threads; ThreadSanitizer did not run"
  exit 0
fi
mkdir -p build-tsan
g++ -std=c++17 -O1 -g -fsanitize=thread -fno-omit-frame-pointer -ffp-contract=off -Wall -Wextra \
  -Iinclude -Ibackends/cpu/include -Itests -Itools \
  -DFLATNN_BUILTIN_OPS_EXTERN -DFLATNN_SHARED_DIR="\"$PWD/../shared\"" -DFLATNN_TEST_DATA_DIR="\"$PWD/tests/data\"" \
  -DFLATNN_SOURCE_DIR="\"$PWD\"" -DFLATNN_BINARY_DIR="\"$PWD/build-tsan\"" \
  tests/main.cpp tests/support/*.cpp "${thread_tests[@]}" -o build-tsan/thread_tests -lpthread
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build-tsan/thread_tests
echo "== TSan: ${thread_tests[*]} passed"
