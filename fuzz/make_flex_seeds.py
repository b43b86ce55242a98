#!/usr/bin/env python3
"""Writes the FlexBuffers seed corpus of fuzz_flexbuffers (fuzz/seeds/flex): the custom-op option maps flatnn
parses and values of every FlexBuffers type. Run from the repository root: python3 fuzz/make_flex_seeds.py"""
import os
from flatbuffers import flexbuffers as fx

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds", "flex")

SEEDS = {
    "detection_fast.flex": {
        "max_detections": 10, "max_classes_per_detection": 1, "detections_per_class": 100,
        "use_regular_nms": False, "nms_score_threshold": 0.3, "nms_iou_threshold": 0.6, "num_classes": 90,
        "y_scale": 10.0, "x_scale": 10.0, "h_scale": 5.0, "w_scale": 5.0,
    },
    "detection_regular.flex": {
        "max_detections": 20, "max_classes_per_detection": 3, "detections_per_class": 5,
        "use_regular_nms": True, "nms_score_threshold": 0.0, "nms_iou_threshold": 1.0, "num_classes": 3,
        "y_scale": 1.0, "x_scale": 1.0, "h_scale": 1.0, "w_scale": 1.0,
    },
    "posenet.flex": {"max_detections": 20, "score_threshold": 0.5, "stride": 16, "nms_radius": 10.0},
    "types.flex": {
        "int": -7, "big": 1 << 40, "float": 1.5, "bool": True, "string": "text", "blob": b"\x00\x01\x02",
        "vector": [1, "two", 3.0, [4, 5], {"six": 6}], "ints": [1, 2, 3], "floats": [0.5, 0.25],
        "null": None,
    },
}

os.makedirs(OUT, exist_ok=True)
for name, value in SEEDS.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes(fx.Dumps(value)))
print("wrote", len(SEEDS), "seeds to", OUT)
