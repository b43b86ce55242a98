#!/usr/bin/env bash
# Installs what building and testing flatnn needs on Debian 12 (and Python packages for the conformance check
# when called with --python).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# glslang-tools compiles the Vulkan shaders (tools/gen_shaders.py); libvulkan-dev gives the Vulkan headers;
# mesa-vulkan-drivers gives lavapipe, the CPU Vulkan device the Vulkan tests run on.
PKGS="cmake g++ ninja-build libflatbuffers-dev flatbuffers-compiler libxsimd-dev doctest-dev libstb-dev python3
  glslang-tools libvulkan-dev mesa-vulkan-drivers"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
if [ "${1:-}" = "--python" ]; then
  python3 -m pip install -q --disable-pip-version-check numpy ai-edge-litert
fi
