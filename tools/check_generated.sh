#!/usr/bin/env bash
# Regenerates every generated file and fails if that changed the tree: generated files must be committed current.
# Compares the content of the generated-file directories before and after, so it also works in a tree with
# uncommitted edits. Generators that read other generated files run after them (the single header last).
set -euo pipefail
cd "$(dirname "$0")/.."
DIRS=(include single_include backends)

snapshot() { find "${DIRS[@]}" -type f -print0 2>/dev/null | sort -z | xargs -0 sha1sum; }

before="$(snapshot)"
python3 tools/gen_schema.py
# Shader headers and any other generated sources: add their generator here, before the amalgamation.
for generator in tools/gen_shaders.py; do
  if [ -f "$generator" ]; then python3 "$generator"; fi
done
# The int16 sigmoid table is measured from TensorFlow Lite (ai-edge-litert, flatc).
probe_note=""
if command -v flatc >/dev/null && python3 -c "import ai_edge_litert" 2>/dev/null; then
  python3 tools/probe_sigmoid_table.py >/dev/null
else
  probe_note="; SKIPPED: the int16 sigmoid table was not re-measured (needs flatc and ai-edge-litert)"
fi
python3 tools/amalgamate.py
after="$(snapshot)"

if [ "$before" != "$after" ]; then
  echo "generated files were stale (now regenerated; commit them):" >&2
  diff <(echo "$before") <(echo "$after") | grep '^[<>]' | awk '{print "  " $3}' | sort -u >&2
  exit 1
fi
if command -v glslangValidator >/dev/null; then
  echo "generated files are current (schema header, Vulkan shader headers, single header, sigmoid table)$probe_note"
else
  echo "generated files are current (schema header, single header, sigmoid table)$probe_note; SKIPPED: the Vulkan shader headers were not checked (no glslangValidator; Debian: glslang-tools)"
fi
