#!/usr/bin/env bash
# Distribution checks (issue 6), one build also serving issue 7:
# - the whole test suite against the single header, built with Clang in C++20 under ASan + UBSan;
# - every public header on its own with Clang in C++17 (GCC C++17 is the main build);
# - the single header with GCC C++20;
# - the Conan package (conan create), the vcpkg port (emulated, see packaging/vcpkg/verify_port.sh);
# - the compile-time benchmark.
# The consumer tests (find_package, add_subdirectory, FetchContent, single header) run in the main build's ctest.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=""
for p in clang pkg-config; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

echo "== single header: whole test suite, clang++ -std=c++20 -Werror, under AddressSanitizer + UndefinedBehaviorSanitizer"
# One build serves two checks (issues 6 and 7): the suite against the single header, and the suite under ASan +
# UBSan (any report fails it; LeakSanitizer included). -O1: the suite's second full build should cost minutes,
# not the -O3 build's tens of minutes on 2 cores.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B build-ci-single-header -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1 $SAN" \
  -DCMAKE_EXE_LINKER_FLAGS="$SAN" -DCMAKE_SHARED_LINKER_FLAGS="$SAN" -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_STANDARD=20 -DFLATNN_TEST_SINGLE_HEADER=ON -DFLATNN_BUILD_CONSUMER_TESTS=OFF -DFLATNN_BUILD_BENCH=OFF
# The test program (with the flatnn command it drives) and the examples; the per-header check targets are built
# below, outside the sanitizers.
cmake --build build-ci-single-header -j2 --target flatnn_tests example_minimal example_classify_image
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:allocator_may_return_null=1" \
LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  ctest --test-dir build-ci-single-header --output-on-failure
echo "== ASan + UBSan: the whole test suite passed"

# Every header on its own: GCC C++17 in the main build, Clang C++17 here; GCC C++20 compiles the single header
# (the whole library) with -Werror, Clang C++20 ran the suite above. (Every header under GCC C++20 as well would
# add several minutes of CI for a combination the other three already bracket.)
for config in "clang++ 17 flatnn_header_check" "g++ 20 flatnn_single_header_check"; do
  set -- $config
  echo "== $3: $1 -std=c++$2 -Werror"
  cmake -S . -B "build-ci-headers-$1-$2" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$1" \
    -DCMAKE_CXX_STANDARD="$2" -DFLATNN_BUILD_CONSUMER_TESTS=OFF >/dev/null
  cmake --build "build-ci-headers-$1-$2" -j2 --target "$3"
done

echo "== Conan 2: conan create (flatbuffers, xsimd, doctest from the system via [platform_requires])"
if python3 -m pip install -q --disable-pip-version-check "conan>=2,<3"; then
  export CONAN_HOME="$PWD/build-ci-conan/home"
  conan profile detect --exist-ok >/dev/null
  conan create packaging/conan -pr:a packaging/conan/profiles/system-deps
else
  echo "SKIPPED: conan could not be installed from PyPI; the Conan package was not tested"
fi

echo "== vcpkg port (emulated: vcpkg itself cannot run here)"
packaging/vcpkg/verify_port.sh build-ci-vcpkg

echo "== compile time (goal: restricted op set <= 3 s on the 2-core CI machine; reported, not enforced)"
REPEAT=1 bench/compile_time/run.sh
