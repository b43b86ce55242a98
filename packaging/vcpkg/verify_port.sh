#!/usr/bin/env bash
# vcpkg cannot run here (no network, no vcpkg tool): performs what ports/flatnn/portfile.cmake asks (configure,
# install, config fixup, pkg-config check) with emulate_port.cmake, then builds and runs the find_package consumer
# of tests/consumers against the result, as a vcpkg user's project would. Also checks that requesting a backend
# feature this source does not have fails in the portfile.
# Usage: packaging/vcpkg/verify_port.sh [WORK_DIR]    (default: build-vcpkg in the repository)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-$ROOT/build-vcpkg}"
WORK="$(mkdir -p "$WORK" && cd "$WORK" && pwd)"
cmake -DFLATNN_SOURCE_DIR="$ROOT" -DWORK_DIR="$WORK/port" -P "$ROOT/packaging/vcpkg/emulate_port.cmake"
PREFIX="$WORK/port/packages/flatnn_x64-linux"
cmake -S "$ROOT/tests/consumers/find_package" -B "$WORK/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$PREFIX" -DEXPECTED_PREFIX="$PREFIX" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
  -DCMAKE_CXX_FLAGS="-Wall -Wextra -Wpedantic -Werror"
cmake --build "$WORK/consumer"
"$WORK/consumer/consumer" "$ROOT/tests/data/ops/conv_2d_same_s2_int8"
for feature in vulkan edgetpu; do
  if grep -q "flatnn::$feature" "$PREFIX/share/flatnn/flatnnTargets.cmake"; then continue; fi
  if cmake -DFLATNN_SOURCE_DIR="$ROOT" -DWORK_DIR="$WORK/port-$feature" "-DFEATURES=core;$feature" \
       -P "$ROOT/packaging/vcpkg/emulate_port.cmake" >"$WORK/port-$feature.log" 2>&1; then
    echo "feature $feature installed although this source has no $feature backend" >&2
    exit 1
  fi
  grep -q "has no $feature backend" "$WORK/port-$feature.log" || { cat "$WORK/port-$feature.log" >&2; exit 1; }
  echo "feature $feature: refused as expected (no $feature backend in this source)"
done
echo "vcpkg port: configure, install, config fixup and find_package consumer verified (download, vcpkg itself: not)"
