#!/usr/bin/env python3
"""Rewrites the README's op coverage table (between the op-table markers) from `flatnn inspect --ops --markdown`.

Usage: tools/update_readme_ops.py build/bin/flatnn   (a build with Vulkan, so that the shader column is filled)
tests/registry/test_op_coverage.cpp checks that the README equals the table of the build under test."""
import pathlib
import re
import subprocess
import sys

readme = pathlib.Path(__file__).resolve().parent.parent / "README.md"
table = subprocess.run([sys.argv[1], "inspect", "--ops", "--markdown"], check=True, capture_output=True,
                       text=True).stdout
text = readme.read_text()
pattern = re.compile(r"(<!-- op-table:begin[^\n]*-->\n)(.*?)(<!-- op-table:end)", re.S)
if not pattern.search(text):
    sys.exit("README.md has no op-table markers")
readme.write_text(pattern.sub(lambda m: m.group(1) + table + m.group(3), text, count=1))
