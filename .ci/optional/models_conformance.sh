#!/usr/bin/env bash
# Whole-model conformance (issue #8): builds small TensorFlow models (tools/gen_models.py: MobileNetV3-small
# and EfficientNet-Lite style nets, a Transformer encoder, an LSTM classifier, a U-Net; float32, dynamic-range,
# int8, int16x8) and compares flatnn with TensorFlow Lite on them. Not run by .ci/run (.ci/checks/*.sh are):
# CI does not install TensorFlow. Run it by hand, or from a CI job that has TensorFlow:
#   .ci/optional/models_conformance.sh [build dir, default build]
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build}"
if ! python3 -c "import tensorflow" 2>/dev/null; then
  echo "SKIPPED: TensorFlow is not installed; whole-model conformance did not run"
  exit 0
fi
[ -x "$build/bin/flatnn" ] || cmake --build "$build" -j2 --target flatnn_cli
python3 tools/gen_models.py "$build/models"
python3 tools/conformance.py --flatnn "$build/bin/flatnn" --seeds 2 --float-tolerance 1e-3 "$build/models"
