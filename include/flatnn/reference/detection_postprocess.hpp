#pragma once
// Reference kernel of the custom op TFLite_Detection_PostProcess (SSD box decoding + non-max suppression),
// tflite-format.md §9, giving TensorFlow Lite's results bit for bit (checked on x86 against ai_edge_litert 2.3.0):
// - boxes are decoded in double and stored as float, and every decoded box is checked (ymin <= ymax, xmin <= xmax);
// - candidates need score >= nms_score_threshold; a candidate is suppressed when IoU > nms_iou_threshold;
// - candidates are ordered by score, ties by anchor index (TFLite's stable sort);
// - regular mode keeps min(detections_per_class, max_detections) per class and merges the classes in class order,
//   earlier classes first on equal scores (TFLite's single-threaded in-place merge);
// - fast mode with one class per detection takes the first maximal class; with more it orders classes with
//   std::partial_sort and TFLite's comparator, as TFLite does.
// Rows TFLite leaves unwritten are zero here, so results are deterministic.
// The kernel works on float arrays; uint8 inputs go through the dequantize helpers below first.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>

#include "flatnn/core/status.hpp"
#include "flatnn/model/flexbuffers.hpp"
#include "flatnn/reference/scratch_plan.hpp"

namespace flatnn::reference {

struct detection_postprocess_params {
    int32_t max_detections = 0;
    int32_t max_classes_per_detection = 0;
    int32_t detections_per_class = 100;
    bool use_regular_nms = false;
    float nms_score_threshold = 0.0f;
    float nms_iou_threshold = 0.0f;
    int32_t num_classes = 0;
    float y_scale = 0.0f;
    float x_scale = 0.0f;
    float h_scale = 0.0f;
    float w_scale = 0.0f;
};

// Rows of the boxes / classes / scores outputs: max_detections * max_classes_per_detection.
inline int64_t detection_postprocess_output_rows(const detection_postprocess_params& p) noexcept {
    return int64_t{p.max_detections} * int64_t{p.max_classes_per_detection};
}

// The limits TFLite enforces (some only at invoke), checked once here.
inline status validate_detection_postprocess_params(const detection_postprocess_params& p) {
    const char* op = "TFLite_Detection_PostProcess";
    if (p.max_detections < 0)
        return status::error(std::string(op) + ": max_detections " + std::to_string(p.max_detections) +
                             " must be >= 0");
    if (p.max_classes_per_detection <= 0)
        return status::error(std::string(op) + ": max_classes_per_detection " +
                             std::to_string(p.max_classes_per_detection) + " must be > 0");
    if (p.num_classes <= 0)
        return status::error(std::string(op) + ": num_classes " + std::to_string(p.num_classes) + " must be > 0");
    if (!(p.nms_iou_threshold > 0.0f && p.nms_iou_threshold <= 1.0f))
        return status::error(std::string(op) + ": nms_iou_threshold " + std::to_string(p.nms_iou_threshold) +
                             " must be in (0, 1]");
    if (p.use_regular_nms && std::min(p.detections_per_class, p.max_detections) <= 0)
        return status::error(std::string(op) + ": regular NMS needs detections_per_class (" +
                             std::to_string(p.detections_per_class) + ") and max_detections (" +
                             std::to_string(p.max_detections) + ") > 0");
    if (detection_postprocess_output_rows(p) > std::numeric_limits<int32_t>::max())
        return status::error(std::string(op) + ": max_detections * max_classes_per_detection overflows int32");
    return status::ok();
}

// Keys and defaults as TFLite's Init reads them; converter hints (_output_quantized, ...) are ignored.
inline result<detection_postprocess_params> parse_detection_postprocess_options(const uint8_t* data, size_t size) {
    namespace fx = flexbuffers;
    const char* op = "TFLite_Detection_PostProcess options";
    auto m = fx::options_map(data, size, op);
    if (!m) return m.error();
    detection_postprocess_params p;
    auto max_detections = fx::required_int32(*m, "max_detections", op);
    if (!max_detections) return max_detections.error();
    auto max_classes = fx::required_int32(*m, "max_classes_per_detection", op);
    if (!max_classes) return max_classes.error();
    auto per_class = fx::optional_int32(*m, "detections_per_class", 100, op);
    if (!per_class) return per_class.error();
    auto regular = fx::optional_bool(*m, "use_regular_nms", false, op);
    if (!regular) return regular.error();
    auto score_threshold = fx::required_float(*m, "nms_score_threshold", op);
    if (!score_threshold) return score_threshold.error();
    auto iou_threshold = fx::required_float(*m, "nms_iou_threshold", op);
    if (!iou_threshold) return iou_threshold.error();
    auto num_classes = fx::required_int32(*m, "num_classes", op);
    if (!num_classes) return num_classes.error();
    auto y_scale = fx::required_float(*m, "y_scale", op);
    if (!y_scale) return y_scale.error();
    auto x_scale = fx::required_float(*m, "x_scale", op);
    if (!x_scale) return x_scale.error();
    auto h_scale = fx::required_float(*m, "h_scale", op);
    if (!h_scale) return h_scale.error();
    auto w_scale = fx::required_float(*m, "w_scale", op);
    if (!w_scale) return w_scale.error();
    p.max_detections = *max_detections;
    p.max_classes_per_detection = *max_classes;
    p.detections_per_class = *per_class;
    p.use_regular_nms = *regular;
    p.nms_score_threshold = *score_threshold;
    p.nms_iou_threshold = *iou_threshold;
    p.num_classes = *num_classes;
    p.y_scale = *y_scale;
    p.x_scale = *x_scale;
    p.h_scale = *h_scale;
    p.w_scale = *w_scale;
    FLATNN_TRY(validate_detection_postprocess_params(p));
    return p;
}

// uint8 box encodings / anchors: the first 4 values of each row, as (float(q) - zero_point) * scale in float.
inline void dequantize_detection_boxes(const uint8_t* in, int64_t rows, int64_t row_stride, float scale,
                                       int32_t zero_point, float* out) noexcept {
    const float zp = static_cast<float>(zero_point);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < 4; ++c) out[r * 4 + c] = (static_cast<float>(in[r * row_stride + c]) - zp) * scale;
}

// uint8 class scores, rounded as TFLite's optimized Dequantize on x86 (NEON code through NEON_2_SSE): blocks of 8
// compute float(q) * scale + float(-zero_point * scale) with two float roundings; the count % 8 tail computes
// float(double(scale) * (q - zero_point)). (On ARM with FMA, TFLite fuses the block formula, so results differ there.)
inline void dequantize_detection_scores(const uint8_t* in, int64_t count, float scale, int32_t zero_point,
                                        float* out) noexcept {
    const double s = scale;
    const float zero_times_scale = static_cast<float>(-zero_point * s);
    const int64_t blocked = count - count % 8;
    int64_t i = 0;
    for (; i < blocked; ++i) {
        const float product = static_cast<float>(in[i]) * scale;  // separate statement: no fused multiply-add
        out[i] = product + zero_times_scale;
    }
    for (; i < count; ++i)
        out[i] = static_cast<float>(s * static_cast<double>(static_cast<int32_t>(in[i]) - zero_point));
}

struct detection_postprocess_inputs {
    const float* box_encodings = nullptr;  // [num_anchors, box_stride]: (ty, tx, th, tw, ignored extras...)
    int32_t box_stride = 4;                // >= 4
    const float* class_scores = nullptr;   // [num_anchors, num_classes_with_background]
    int32_t num_classes_with_background = 0;
    const float* anchors = nullptr;  // [num_anchors, 4]: (y_center, x_center, h, w)
    int32_t num_anchors = 0;
};

struct detection_postprocess_outputs {
    float* boxes = nullptr;           // [rows, 4]: (ymin, xmin, ymax, xmax)
    float* classes = nullptr;         // [rows], class index without background, as float
    float* scores = nullptr;          // [rows]
    float* num_detections = nullptr;  // [1]
};

namespace detection_postprocess_detail {

struct candidate {
    float score;
    int32_t anchor;
};

struct ranked {
    float score;
    int32_t anchor;
    int32_t label;
};

struct layout : scratch_plan {
    size_t boxes = 0, candidates = 0, active = 0, selected = 0, anchor_scores = 0, class_order = 0, merged = 0,
           pending = 0;
};

using reference::scratch_alignment;
using reference::reserve;

inline layout plan(const detection_postprocess_params& p, int32_t num_anchors) {
    layout l;
    const size_t a = static_cast<size_t>(num_anchors);
    const size_t per_class = static_cast<size_t>(std::max(0, std::min(p.detections_per_class, p.max_detections)));
    l.boxes = reserve(l, a * 4, sizeof(float));
    l.candidates = reserve(l, a, sizeof(candidate));
    l.active = reserve(l, a, 1);
    l.selected = reserve(l, static_cast<size_t>(std::max(0, p.max_detections)), sizeof(int32_t));
    if (p.use_regular_nms) {
        l.merged = reserve(l, static_cast<size_t>(p.max_detections) + per_class, sizeof(ranked));
        l.pending = reserve(l, per_class, sizeof(ranked));
    } else {
        l.anchor_scores = reserve(l, a, sizeof(float));
        l.class_order = reserve(l, static_cast<size_t>(std::max(0, p.num_classes)), sizeof(int32_t));
    }
    return l;
}

struct box {
    float ymin, xmin, ymax, xmax;
};

inline float intersection_over_union(const box& i, const box& j) noexcept {
    const float area_i = (i.ymax - i.ymin) * (i.xmax - i.xmin);
    const float area_j = (j.ymax - j.ymin) * (j.xmax - j.xmin);
    if (area_i <= 0 || area_j <= 0) return 0.0f;
    const float ymin = std::max(i.ymin, j.ymin);
    const float xmin = std::max(i.xmin, j.xmin);
    const float ymax = std::min(i.ymax, j.ymax);
    const float xmax = std::min(i.xmax, j.xmax);
    const float intersection = std::max(ymax - ymin, 0.0f) * std::max(xmax - xmin, 0.0f);
    return intersection / (area_i + area_j - intersection);
}

struct workspace {
    box* boxes;
    candidate* candidates;
    uint8_t* active;
    int32_t* selected;
    float* anchor_scores;
    int32_t* class_order;
    ranked* merged;
    ranked* pending;
};

// Greedy single-class NMS over scores[i * stride]; writes the selected anchors in selection order.
inline int32_t non_max_suppression(const detection_postprocess_params& p, const float* scores, int64_t stride,
                                   int32_t num_anchors, int32_t max_selected, const workspace& w) noexcept {
    int32_t kept = 0;
    for (int32_t i = 0; i < num_anchors; ++i) {
        const float s = scores[i * stride];
        if (s >= p.nms_score_threshold) w.candidates[kept++] = candidate{s, i};
    }
    // Anchor index breaks ties: the same order as TFLite's stable sort of candidates kept in anchor order.
    std::sort(w.candidates, w.candidates + kept, [](const candidate& a, const candidate& b) {
        return a.score > b.score || (a.score == b.score && a.anchor < b.anchor);
    });
    const int32_t output_size = std::min(kept, max_selected);
    std::fill(w.active, w.active + kept, uint8_t{1});
    int32_t num_active = kept;
    int32_t count = 0;
    for (int32_t i = 0; i < kept; ++i) {
        if (num_active == 0 || count >= output_size) break;
        if (!w.active[i]) continue;
        w.selected[count++] = w.candidates[i].anchor;
        w.active[i] = 0;
        --num_active;
        const box& chosen = w.boxes[w.candidates[i].anchor];
        for (int32_t j = i + 1; j < kept; ++j) {
            if (w.active[j] &&
                intersection_over_union(chosen, w.boxes[w.candidates[j].anchor]) > p.nms_iou_threshold) {
                w.active[j] = 0;
                --num_active;
            }
        }
    }
    return count;
}

// First maximal element, skipping NaN (TFLite's ArgMaxVector); 0 when all are NaN.
inline int32_t first_argmax(const float* v, int32_t n) noexcept {
    int32_t best = 0;
    float best_value = v[0];
    for (int32_t i = 1; i < n; ++i)
        if (!std::isnan(v[i]) && (std::isnan(best_value) || v[i] > best_value)) {
            best_value = v[i];
            best = i;
        }
    return best;
}

// Top-k class indices as TFLite orders them: std::partial_sort with "greater score" (NaN placed last here,
// where TFLite's comparator would be ill-defined).
inline void top_classes(const float* v, int32_t n, int32_t k, int32_t* order) noexcept {
    std::iota(order, order + n, 0);
    std::partial_sort(order, order + k, order + n, [v](int32_t i, int32_t j) {
        if (std::isnan(v[i])) return false;
        if (std::isnan(v[j])) return true;
        return v[i] > v[j];
    });
}

inline void write_row(const detection_postprocess_outputs& out, int64_t row, const box& b, int32_t label,
                      float score) noexcept {
    out.boxes[row * 4 + 0] = b.ymin;
    out.boxes[row * 4 + 1] = b.xmin;
    out.boxes[row * 4 + 2] = b.ymax;
    out.boxes[row * 4 + 3] = b.xmax;
    out.classes[row] = static_cast<float>(label);
    out.scores[row] = score;
}

inline void fast_nms(const detection_postprocess_params& p, const detection_postprocess_inputs& in,
                     int32_t label_offset, const detection_postprocess_outputs& out, const workspace& w) noexcept {
    const int32_t n = in.num_anchors;
    const int32_t classes = p.num_classes;
    const int64_t ncb = in.num_classes_with_background;
    const int32_t per_anchor = std::min(p.max_classes_per_detection, classes);
    for (int32_t a = 0; a < n; ++a) {
        const float* s = in.class_scores + a * ncb + label_offset;
        // The best class score; the same value whichever maximal class a sort would put first.
        w.anchor_scores[a] = s[first_argmax(s, classes)];
    }
    const int32_t count = non_max_suppression(p, w.anchor_scores, 1, n, p.max_detections, w);
    for (int32_t k = 0; k < count; ++k) {
        const int32_t a = w.selected[k];
        const float* s = in.class_scores + a * ncb + label_offset;
        const int64_t first_row = int64_t{p.max_classes_per_detection} * k;
        if (per_anchor == 1) {
            const int32_t c = first_argmax(s, classes);
            write_row(out, first_row, w.boxes[a], c, s[c]);
            continue;
        }
        top_classes(s, classes, per_anchor, w.class_order);
        for (int32_t j = 0; j < per_anchor; ++j)
            write_row(out, first_row + j, w.boxes[a], w.class_order[j], s[w.class_order[j]]);
    }
    *out.num_detections = static_cast<float>(count);
}

inline void regular_nms(const detection_postprocess_params& p, const detection_postprocess_inputs& in,
                        int32_t label_offset, const detection_postprocess_outputs& out,
                        const workspace& w) noexcept {
    const int32_t per_class = std::min(p.detections_per_class, p.max_detections);
    const int64_t ncb = in.num_classes_with_background;
    int32_t merged = 0;
    for (int32_t c = 0; c < p.num_classes; ++c) {
        const float* column = in.class_scores + c + label_offset;
        const int32_t count = non_max_suppression(p, column, ncb, in.num_anchors, per_class, w);
        for (int32_t i = 0; i < count; ++i)
            w.pending[i] = ranked{column[w.selected[i] * ncb], w.selected[i], c};
        // Merge from the back; on equal scores the earlier (already merged) entry stays first.
        int32_t i = merged - 1, j = count - 1;
        for (int32_t k = merged + count - 1; j >= 0; --k) {
            if (i >= 0 && w.merged[i].score < w.pending[j].score)
                w.merged[k] = w.merged[i--];
            else
                w.merged[k] = w.pending[j--];
        }
        merged = std::min(merged + count, p.max_detections);
    }
    for (int32_t r = 0; r < merged; ++r)
        write_row(out, r, w.boxes[w.merged[r].anchor], w.merged[r].label, w.merged[r].score);
    *out.num_detections = static_cast<float>(merged);
}

}  // namespace detection_postprocess_detail

// Scratch bytes the kernel needs (any alignment of the pointer is accepted).
inline result<size_t> detection_postprocess_scratch_bytes(const detection_postprocess_params& p, int32_t num_anchors,
                                                          int32_t num_classes_with_background) {
    (void)num_classes_with_background;  // fast mode sizes its class buffer from p.num_classes
    if (num_anchors < 0)
        return status::error("TFLite_Detection_PostProcess: num_anchors " + std::to_string(num_anchors) +
                             " must be >= 0");
    FLATNN_TRY(validate_detection_postprocess_params(p));
    const auto l = detection_postprocess_detail::plan(p, num_anchors);
    if (l.overflow) return status::error("TFLite_Detection_PostProcess: scratch size overflows size_t");
    return l.total + (detection_postprocess_detail::scratch_alignment - 1);
}

// Decodes the boxes, runs NMS and fills the four outputs (all rows written: unused ones are zero).
// No heap allocation except for the message of a returned error.
inline status detection_postprocess(const detection_postprocess_params& p, const detection_postprocess_inputs& in,
                                    const detection_postprocess_outputs& out, void* scratch, size_t scratch_bytes) {
    namespace d = detection_postprocess_detail;
    const char* op = "TFLite_Detection_PostProcess";  // messages are built only on failure
    FLATNN_TRY(validate_detection_postprocess_params(p));
    if (in.num_anchors < 0) return status::error(std::string(op) + ": num_anchors " + std::to_string(in.num_anchors) + " < 0");
    if (in.box_stride < 4)
        return status::error(std::string(op) + ": box encodings have " + std::to_string(in.box_stride) +
                             " values per anchor, need at least 4");
    const int32_t label_offset = in.num_classes_with_background - p.num_classes;
    if (label_offset != 0 && label_offset != 1)
        return status::error(std::string(op) + ": class scores have " + std::to_string(in.num_classes_with_background) +
                             " columns, expected num_classes (" + std::to_string(p.num_classes) + ") or one more");
    if (in.num_anchors > 0 && (!in.box_encodings || !in.class_scores || !in.anchors))
        return status::error(std::string(op) + ": null input pointer");
    if (!out.boxes || !out.classes || !out.scores || !out.num_detections)
        return status::error(std::string(op) + ": null output pointer");
    const auto l = d::plan(p, in.num_anchors);
    if (l.overflow || scratch == nullptr || scratch_bytes < l.total + (d::scratch_alignment - 1))
        return status::error(std::string(op) + ": scratch of " + std::to_string(scratch_bytes) + " bytes is too small (need " +
                             std::to_string(l.total + d::scratch_alignment - 1) + ")");
    const auto addr = reinterpret_cast<std::uintptr_t>(scratch);
    uint8_t* base = static_cast<uint8_t*>(scratch) + (d::scratch_alignment - addr % d::scratch_alignment) %
                                                         d::scratch_alignment;
    const d::workspace w{reinterpret_cast<d::box*>(base + l.boxes),
                         reinterpret_cast<d::candidate*>(base + l.candidates),
                         base + l.active,
                         reinterpret_cast<int32_t*>(base + l.selected),
                         reinterpret_cast<float*>(base + l.anchor_scores),
                         reinterpret_cast<int32_t*>(base + l.class_order),
                         reinterpret_cast<d::ranked*>(base + l.merged),
                         reinterpret_cast<d::ranked*>(base + l.pending)};

    // Decode in double, store in float, as TFLite does.
    for (int32_t a = 0; a < in.num_anchors; ++a) {
        const float* e = in.box_encodings + int64_t{a} * in.box_stride;
        const float* an = in.anchors + int64_t{a} * 4;
        const double ay = an[0], ax = an[1], ah = an[2], aw = an[3];
        const float yc = static_cast<float>(double{e[0]} / double{p.y_scale} * ah + ay);
        const float xc = static_cast<float>(double{e[1]} / double{p.x_scale} * aw + ax);
        const float half_h = static_cast<float>(0.5 * std::exp(double{e[2]} / double{p.h_scale}) * ah);
        const float half_w = static_cast<float>(0.5 * std::exp(double{e[3]} / double{p.w_scale}) * aw);
        d::box& b = w.boxes[a];
        b.ymin = yc - half_h;
        b.xmin = xc - half_w;
        b.ymax = yc + half_h;
        b.xmax = xc + half_w;
        if (b.ymin > b.ymax || b.xmin > b.xmax)
            return status::error(std::string(op) + ": decoded box of anchor " + std::to_string(a) +
                                 " has min > max (negative anchor size?)");
    }

    const int64_t rows = detection_postprocess_output_rows(p);
    std::fill(out.boxes, out.boxes + rows * 4, 0.0f);
    std::fill(out.classes, out.classes + rows, 0.0f);
    std::fill(out.scores, out.scores + rows, 0.0f);
    if (p.use_regular_nms)
        d::regular_nms(p, in, label_offset, out, w);
    else
        d::fast_nms(p, in, label_offset, out, w);
    return status::ok();
}

}  // namespace flatnn::reference
