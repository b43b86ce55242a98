#!/usr/bin/env bash
# Regenerates every generated file and fails if the tree changed: generated files must be committed current.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 tools/gen_schema.py
if [ -f tools/amalgamate.py ]; then python3 tools/amalgamate.py; fi
if ! git diff --exit-code --stat -- include single_include backends; then
  echo "generated files are stale: commit the regenerated files" >&2
  exit 1
fi
echo "generated files are current"
