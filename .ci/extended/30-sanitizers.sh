#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (its own build directory), then the
# test files that start threads (several interpreters sharing one model) under ThreadSanitizer.
# Any sanitizer report fails the check.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/install_deps.sh

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_CXX_FLAGS="$SAN" -DCMAKE_EXE_LINKER_FLAGS="$SAN" \
  -DFLATNN_BUILD_EXAMPLES=OFF -DFLATNN_BUILD_BENCH=OFF -DFLATNN_BUILD_CONSUMER_TESTS=OFF >/dev/null
cmake --build build-asan -j2 --target flatnn_tests
# LeakSanitizer needs ptrace; where the sandbox forbids it, say so instead of failing on the tool itself.
leaks=1
if ! ASAN_OPTIONS=detect_leaks=1 build-asan/tests/flatnn_tests --test-case="__none__" >/dev/null 2>&1; then
  echo "SKIPPED: LeakSanitizer cannot run here (ptrace restricted); ASan/UBSan still run without leak checks"
  leaks=0
fi
ASAN_OPTIONS="detect_leaks=$leaks:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  build-asan/tests/flatnn_tests
echo "== ASan + UBSan: test suite passed"

# ThreadSanitizer: only the test files that use threads (a whole-suite TSan build would double the CI time).
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
