#!/usr/bin/env python3
"""Writes the custom_options of every `edgetpu-custom-op` in the given .tflite files to OUT_DIR, one file each:
the seeds of fuzz_edgetpu_package. Needs ai-edge-litert (its generated schema module), a tool-time dependency only.
Usage: fuzz/extract_edgetpu_options.py OUT_DIR MODEL.tflite..."""
import os
import sys

from ai_edge_litert import schema_py_generated as schema


def edgetpu_options(path):
    buf = open(path, "rb").read()
    model = schema.Model.GetRootAsModel(buf, 0)
    codes = [model.OperatorCodes(i).CustomCode() for i in range(model.OperatorCodesLength())]
    for g in range(model.SubgraphsLength()):
        graph = model.Subgraphs(g)
        for o in range(graph.OperatorsLength()):
            op = graph.Operators(o)
            if codes[op.OpcodeIndex()] == b"edgetpu-custom-op" and op.CustomOptionsLength():
                yield g, o, bytes(op.CustomOptionsAsNumpy())


def main():
    out_dir, models = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    count = 0
    for path in models:
        for g, o, options in edgetpu_options(path):
            name = "%s_sg%d_op%d.bin" % (os.path.basename(path).replace(".tflite", ""), g, o)
            with open(os.path.join(out_dir, name), "wb") as f:
                f.write(options)
            count += 1
    print("extracted %d edgetpu-custom-op option blobs into %s" % (count, out_dir))


if __name__ == "__main__":
    main()
