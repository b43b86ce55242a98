#pragma once
// Custom op TFLite_Detection_PostProcess (SSD box decoding + NMS), float32 or uint8 inputs.
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/detection_postprocess.hpp"

namespace flatnn::ops {

struct detection_postprocess_data : node_data {
    reference::detection_postprocess_params p;
    std::vector<float> boxes, scores, anchors;  // dequantized copies of uint8 inputs (empty for float)
    std::vector<uint8_t> scratch;
    int32_t num_anchors = 0, box_stride = 4, classes = 0;
};

inline const float* detection_input(const tensor& t, std::vector<float>& buf, int64_t rows, int64_t stride,
                                    bool scores) {
    if (t.type == dtype::float32) return t.data_as<float>();
    if (scores) reference::dequantize_detection_scores(t.data_as<uint8_t>(), rows * stride, t.scale(), t.zero_point(), buf.data());
    else reference::dequantize_detection_boxes(t.data_as<uint8_t>(), rows, stride, t.scale(), t.zero_point(), buf.data());
    return buf.data();
}

inline status detection_postprocess_invoke(node& n) {
    auto& d = n.get<detection_postprocess_data>();
    reference::detection_postprocess_inputs in;
    in.num_anchors = d.num_anchors;
    in.box_stride = n.in(0).type == dtype::float32 ? d.box_stride : 4;
    in.num_classes_with_background = d.classes;
    in.box_encodings = detection_input(n.in(0), d.boxes, d.num_anchors, d.box_stride, false);
    in.class_scores = detection_input(n.in(1), d.scores, d.num_anchors, d.classes, true);
    in.anchors = detection_input(n.in(2), d.anchors, d.num_anchors, 4, false);
    reference::detection_postprocess_outputs out;
    out.boxes = n.out(0).data_as<float>();
    out.classes = n.out(1).data_as<float>();
    out.scores = n.out(2).data_as<float>();
    out.num_detections = n.out(3).data_as<float>();
    status s = reference::detection_postprocess(d.p, in, out, d.scratch.data(), d.scratch.size());
    return s ? s : n.fail(s.message());
}

inline status prepare_detection_postprocess(node& n) {
    FLATNN_TRY(expect_io(n, 3, 3, 4));
    auto parsed = reference::parse_detection_postprocess_options(n.op->custom_options, n.op->custom_options_size);
    if (!parsed) return n.fail(parsed.error().message());
    const tensor &boxes = n.in(0), &scores = n.in(1), &anchors = n.in(2);
    FLATNN_TRY(expect_rank(n, boxes, 3, "box encodings"));
    FLATNN_TRY(expect_rank(n, scores, 3, "class scores"));
    FLATNN_TRY(expect_rank(n, anchors, 2, "anchors"));
    if (boxes.dims[0] != 1 || scores.dims[0] != 1) return n.fail("batch size must be 1");
    const int32_t a = boxes.dims[1];
    if (boxes.dims[2] < 4 || scores.dims[1] != a || anchors.dims[0] != a || anchors.dims[1] != 4)
        return n.fail("box encodings " + boxes.dims.str() + ", class scores " + scores.dims.str() + " and anchors " +
                      anchors.dims.str() + " do not agree on the anchor count (boxes need >= 4 values, anchors 4)");
    for (const tensor* t : {&boxes, &scores, &anchors}) {
        if (t->type == dtype::uint8) FLATNN_TRY(expect_quantized(n, *t, "uint8 input"));
        else if (t->type != dtype::float32) return n.fail(std::string("input type ") + dtype_name(t->type) + " is not float32 or uint8");
    }
    auto& d = n.emplace<detection_postprocess_data>();
    d.p = *parsed;
    d.num_anchors = a;
    d.box_stride = boxes.dims[2];
    d.classes = scores.dims[2];
    for (const tensor* t : {&boxes, &scores, &anchors})
        if (t->type == dtype::uint8) FLATNN_TRY(check_scratch(n, uint64_t(t->num_elements()), sizeof(float), "dequantized input"));
    if (boxes.type == dtype::uint8) d.boxes.resize(size_t(a) * 4);
    if (scores.type == dtype::uint8) d.scores.resize(size_t(a) * size_t(d.classes));
    if (anchors.type == dtype::uint8) d.anchors.resize(size_t(a) * 4);
    auto bytes = reference::detection_postprocess_scratch_bytes(d.p, a, d.classes);
    if (!bytes) return n.fail(bytes.error().message());
    FLATNN_TRY(check_scratch(n, *bytes, 1, "scratch"));
    d.scratch.resize(*bytes);
    const int32_t rows = int32_t(reference::detection_postprocess_output_rows(d.p));
    for (size_t i = 0; i < 4; ++i) FLATNN_TRY(expect_type(n, n.out(i), dtype::float32, "output"));
    n.out(0).dims = shape{1, rows, 4};
    n.out(1).dims = shape{1, rows};
    n.out(2).dims = shape{1, rows};
    n.out(3).dims = shape{1};
    n.invoke = detection_postprocess_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
