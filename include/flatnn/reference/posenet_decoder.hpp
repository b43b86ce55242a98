#pragma once
// Reference kernel of Coral's custom op PosenetDecoderOp: multi-person pose decoding (PersonLab-style) from
// keypoint heatmaps, short-range offsets and mid-range offsets, with the same results as Coral's decoder
// (google-coral/libcoral coral/pose_estimation/posenet_decoder.cc, its newer edition, which reads backward edge 16
// from the backward block; the older google-coral/edgetpu copy read it from the forward block).
//
// Inputs (batch 1, block space = the network's output grid, H x W):
//   heatmaps      [H, W, 17]  keypoint logits (not sigmoid)
//   short_offsets [H, W, 34]  channels 0..16 are y, 17..33 are x, in blocks (pixels / stride)
//   mid_offsets   [H, W, 64]  forward edges y 0..15, x 16..31; backward edges y 32..47, x 48..63, in blocks
// The op dequantizes uint8 inputs and divides offsets by the stride before decoding: posenet_dequantize() and
// posenet_rescale() below do that with the op's rounding.
// Outputs: keypoints [max_detections, 17, 2] as (y, x) in input pixels, keypoint scores [max_detections, 17]
// (probabilities), pose scores [max_detections], pose count [1] (a float). Unused rows are zero here.
//
// Ties are broken as Coral's decoder does: the priority queues use std::push_heap / std::pop_heap and the orderings
// use std::sort with the original comparators, so with the same standard library the results are the same.
// Comparators place NaN last so that hostile float inputs cannot break the sorting algorithms.
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

constexpr int32_t posenet_num_keypoints = 17;
constexpr int32_t posenet_num_edges = 16;  // each walked forward and backward

struct posenet_decoder_params {
    int32_t max_detections = 0;
    float score_threshold = 0.0f;  // probability in (0, 1)
    int32_t stride = 0;            // pixels per block
    float nms_radius = 0.0f;       // pixels
};

inline status validate_posenet_decoder_params(const posenet_decoder_params& p) {
    if (p.max_detections < 0)
        return status::error("PosenetDecoderOp: max_detections " + std::to_string(p.max_detections) + " must be >= 0");
    if (p.stride <= 0)
        return status::error("PosenetDecoderOp: stride " + std::to_string(p.stride) + " must be > 0");
    return status::ok();
}

// All four keys are required (Coral's op reads them without defaults, so a missing one would silently be 0).
inline result<posenet_decoder_params> parse_posenet_decoder_options(const uint8_t* data, size_t size) {
    namespace fx = flexbuffers;
    const char* op = "PosenetDecoderOp options";
    auto m = fx::options_map(data, size, op);
    if (!m) return m.error();
    auto max_detections = fx::required_int32(*m, "max_detections", op);
    if (!max_detections) return max_detections.error();
    auto score_threshold = fx::required_float(*m, "score_threshold", op);
    if (!score_threshold) return score_threshold.error();
    auto stride = fx::required_int32(*m, "stride", op);
    if (!stride) return stride.error();
    auto nms_radius = fx::required_float(*m, "nms_radius", op);
    if (!nms_radius) return nms_radius.error();
    posenet_decoder_params p;
    p.max_detections = *max_detections;
    p.score_threshold = *score_threshold;
    p.stride = *stride;
    p.nms_radius = *nms_radius;
    FLATNN_TRY(validate_posenet_decoder_params(p));
    return p;
}

// The factor the op applies to both offset inputs: float(1.0 / stride), computed in double.
inline float posenet_offset_scale(const posenet_decoder_params& p) noexcept {
    return static_cast<float>(1.0 / static_cast<double>(p.stride));
}

// uint8 input to float as the op does: (q - float(zero_point)) * (scale * extra_scale), all in float.
// extra_scale is 1 for heatmaps and posenet_offset_scale() for the offsets.
inline void posenet_dequantize(const uint8_t* in, int64_t count, float scale, int32_t zero_point, float extra_scale,
                               float* out) noexcept {
    const float zp = static_cast<float>(zero_point);
    const float s = scale * extra_scale;
    for (int64_t i = 0; i < count; ++i) out[i] = (static_cast<float>(in[i]) - zp) * s;
}

// float input: in * extra_scale.
inline void posenet_rescale(const float* in, int64_t count, float extra_scale, float* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = in[i] * extra_scale;
}

struct posenet_decoder_inputs {
    const float* heatmaps = nullptr;       // [height, width, 17]
    const float* short_offsets = nullptr;  // [height, width, 34], blocks
    const float* mid_offsets = nullptr;    // [height, width, 64], blocks
    int32_t height = 0;
    int32_t width = 0;
};

struct posenet_decoder_outputs {
    float* keypoints = nullptr;        // [max_detections, 17, 2]: (y, x) pixels
    float* keypoint_scores = nullptr;  // [max_detections, 17]
    float* pose_scores = nullptr;      // [max_detections]
    float* pose_count = nullptr;       // [1]
};

namespace posenet_detail {

constexpr int32_t kp = posenet_num_keypoints;
constexpr int32_t refinement_steps = 5;   // fixed by the op
constexpr int32_t local_max_radius = 1;  // fixed by the decoder

struct point {
    float y, x;
};

struct keypoint {
    point p;
    int32_t id;
    float score;
};

struct pose {
    point keypoints[kp];
};

// The pose graph's forward edges (parent, child); edge 16 + i walks edge i backward.
inline constexpr int32_t forward_edges[posenet_num_edges][2] = {
    {0, 1}, {1, 3},  {0, 2},   {2, 4},   {0, 5},   {5, 7},   {7, 9},   {5, 11},
    {11, 13}, {13, 15}, {0, 6}, {6, 8}, {8, 10}, {6, 12}, {12, 14}, {14, 16},
};

inline int32_t edge_from(int32_t e) noexcept {
    return e < posenet_num_edges ? forward_edges[e][0] : forward_edges[e - posenet_num_edges][1];
}
inline int32_t edge_to(int32_t e) noexcept {
    return e < posenet_num_edges ? forward_edges[e][1] : forward_edges[e - posenet_num_edges][0];
}

// "a ranks below b" for the max-heaps, NaN lowest.
inline bool lower_score(const keypoint& a, const keypoint& b) noexcept {
    if (std::isnan(a.score)) return !std::isnan(b.score);
    return a.score < b.score;
}

// "i before j" for decreasing orders, NaN last.
inline bool greater_at(const float* v, int32_t i, int32_t j) noexcept {
    if (std::isnan(v[i])) return false;
    if (std::isnan(v[j])) return true;
    return v[i] > v[j];
}

inline float clamp_to(float v, float lo, float hi) noexcept { return v < lo ? lo : hi < v ? hi : v; }

inline float squared_distance(const point& a, const point& b) noexcept {
    const float dy = b.y - a.y;
    const float dx = b.x - a.x;
    return dy * dy + dx * dx;
}

inline float sigmoid(float x) noexcept { return 1.0f / (1.0f + std::exp(-x)); }

// Bilinear sample of two channels of an [h, w, channels] tensor. The corner is chosen from the clamped
// coordinate but the weight from the unclamped one, as in Coral's decoder.
inline void sample2(const float* t, int32_t h, int32_t w, int32_t channels, float y, float x, int32_t c0, int32_t c1,
                    float* r0, float* r1) noexcept {
    auto corners = [](float v, int32_t n, int64_t& lo, int64_t& hi, float& lerp) {
        float proj = clamp_to(v, 0.0f, static_cast<float>(n) - 1.0f);
        if (std::isnan(proj)) proj = 0.0f;  // only hostile float inputs get here; converting NaN to int is undefined
        lo = static_cast<int64_t>(std::floor(proj));
        hi = static_cast<int64_t>(std::ceil(proj));
        lerp = v - static_cast<float>(lo);
    };
    int64_t y0, y1, x0, x1;
    float yl, xl;
    corners(y, h, y0, y1, yl);
    corners(x, w, x0, x1, xl);
    const int64_t tl = (y0 * w + x0) * channels, tr = (y0 * w + x1) * channels;
    const int64_t bl = (y1 * w + x0) * channels, br = (y1 * w + x1) * channels;
    const int32_t cs[2] = {c0, c1};
    float* rs[2] = {r0, r1};
    for (int i = 0; i < 2; ++i) {
        if (!rs[i]) continue;
        const int32_t c = cs[i];
        *rs[i] = (1 - yl) * ((1 - xl) * t[tl + c] + xl * t[tr + c]) + yl * ((1 - xl) * t[bl + c] + xl * t[br + c]);
    }
}

inline float sample1(const float* t, int32_t h, int32_t w, int32_t channels, const point& p, int32_t c) noexcept {
    float r = 0.0f;
    sample2(t, h, w, channels, p.y, p.x, c, c, &r, nullptr);
    return r;
}

// Follows a mid-range offset along `edge`, then refines with the target keypoint's short-range offsets.
inline point displaced(const posenet_decoder_inputs& in, const point& source, int32_t edge, int32_t target) noexcept {
    const int32_t h = in.height, w = in.width;
    const float ymax = static_cast<float>(h) - 1.0f, xmax = static_cast<float>(w) - 1.0f;
    // Backward edges' offsets start one block of 16 channels later (y: 32.., x: 48..).
    const int32_t channel = edge >= posenet_num_edges ? edge + posenet_num_edges : edge;
    float dy, dx;
    sample2(in.mid_offsets, h, w, 4 * posenet_num_edges, source.y, source.x, channel, posenet_num_edges + channel,
            &dy, &dx);
    float y = clamp_to(source.y + dy, 0.0f, ymax);
    float x = clamp_to(source.x + dx, 0.0f, xmax);
    for (int32_t i = 0; i < refinement_steps; ++i) {
        sample2(in.short_offsets, h, w, 2 * kp, y, x, target, kp + target, &dy, &dx);
        y = clamp_to(y + dy, 0.0f, ymax);
        x = clamp_to(x + dx, 0.0f, xmax);
    }
    return point{y, x};
}

// Decodes one pose from its root by walking the tree, best-scoring frontier keypoint first.
inline void decode_pose(const posenet_decoder_inputs& in, const keypoint& root, pose& out, float* scores) noexcept {
    keypoint queue[1 + 2 * posenet_num_edges];  // the root, then at most one push per directed edge
    int32_t size = 0;
    queue[size++] = keypoint{root.p, root.id, sample1(in.heatmaps, in.height, in.width, kp, root.p, root.id)};
    bool decoded[kp] = {};
    while (size > 0) {
        std::pop_heap(queue, queue + size, lower_score);
        const keypoint current = queue[--size];
        if (decoded[current.id]) continue;
        out.keypoints[current.id] = current.p;
        scores[current.id] = current.score;
        decoded[current.id] = true;
        for (int32_t e = 0; e < 2 * posenet_num_edges; ++e) {
            if (edge_from(e) != current.id) continue;
            const int32_t child = edge_to(e);
            if (decoded[child]) continue;
            const point p = displaced(in, current.p, e, child);
            queue[size++] = keypoint{p, child, sample1(in.heatmaps, in.height, in.width, kp, p, child)};
            std::push_heap(queue, queue + size, lower_score);
        }
    }
}

// Mean of the 17 scores, summed in decreasing order (the order changes float rounding), skipping occluded ones.
inline float mean_score(const float* scores, const bool* occluded) noexcept {
    int32_t order[kp];
    std::iota(order, order + kp, 0);
    std::sort(order, order + kp, [scores](int32_t i, int32_t j) { return greater_at(scores, i, j); });
    float total = 0.0f;
    for (int32_t k = 0; k < kp; ++k)
        if (!occluded || !occluded[order[k]]) total += scores[order[k]];
    return total / kp;
}

struct layout : scratch_plan {
    size_t roots = 0, poses = 0, scores = 0, instance = 0, order = 0;
};

using reference::scratch_alignment;
using reference::reserve;

inline layout plan(const posenet_decoder_params& p, int32_t height, int32_t width) {
    layout l;
    const size_t cells = static_cast<size_t>(height) * static_cast<size_t>(width);  // both < 2^31
    const size_t d = static_cast<size_t>(p.max_detections);
    if (cells > std::numeric_limits<size_t>::max() / kp) {
        l.overflow = true;
        return l;
    }
    l.roots = reserve(l, cells * kp, sizeof(keypoint));
    l.poses = reserve(l, d, sizeof(pose));
    l.scores = reserve(l, d * kp, sizeof(float));
    l.instance = reserve(l, d, sizeof(float));
    l.order = reserve(l, d, sizeof(int32_t));
    return l;
}

}  // namespace posenet_detail

// Scratch bytes the kernel needs (any alignment of the pointer is accepted).
inline result<size_t> posenet_decoder_scratch_bytes(const posenet_decoder_params& p, int32_t height, int32_t width) {
    FLATNN_TRY(validate_posenet_decoder_params(p));
    if (height <= 0 || width <= 0)
        return status::error("PosenetDecoderOp: heatmap size " + std::to_string(height) + "x" + std::to_string(width) +
                             " must be positive");
    const auto l = posenet_detail::plan(p, height, width);
    if (l.overflow) return status::error("PosenetDecoderOp: scratch size overflows size_t");
    return l.total + (posenet_detail::scratch_alignment - 1);
}

// Decodes up to max_detections poses. No heap allocation except for the message of a returned error.
inline status posenet_decoder(const posenet_decoder_params& p, const posenet_decoder_inputs& in,
                              const posenet_decoder_outputs& out, void* scratch, size_t scratch_bytes) {
    namespace d = posenet_detail;
    constexpr int32_t kp = d::kp;
    FLATNN_TRY(validate_posenet_decoder_params(p));
    if (in.height <= 0 || in.width <= 0)
        return status::error("PosenetDecoderOp: heatmap size " + std::to_string(in.height) + "x" +
                             std::to_string(in.width) + " must be positive");
    if (!in.heatmaps || !in.short_offsets || !in.mid_offsets) return status::error("PosenetDecoderOp: null input");
    if (!out.keypoints || !out.keypoint_scores || !out.pose_scores || !out.pose_count)
        return status::error("PosenetDecoderOp: null output");
    const auto l = d::plan(p, in.height, in.width);
    if (l.overflow || scratch == nullptr || scratch_bytes < l.total + (d::scratch_alignment - 1))
        return status::error("PosenetDecoderOp: scratch of " + std::to_string(scratch_bytes) +
                             " bytes is too small (need " + std::to_string(l.total + d::scratch_alignment - 1) + ")");
    const auto addr = reinterpret_cast<std::uintptr_t>(scratch);
    uint8_t* base =
        static_cast<uint8_t*>(scratch) + (d::scratch_alignment - addr % d::scratch_alignment) % d::scratch_alignment;
    auto* roots = reinterpret_cast<d::keypoint*>(base + l.roots);
    auto* poses = reinterpret_cast<d::pose*>(base + l.poses);
    auto* kp_scores = reinterpret_cast<float*>(base + l.scores);
    auto* instance = reinterpret_cast<float*>(base + l.instance);
    auto* order = reinterpret_cast<int32_t*>(base + l.order);

    const int32_t h = in.height, w = in.width;
    const float ymax = static_cast<float>(h) - 1.0f, xmax = static_cast<float>(w) - 1.0f;
    // The threshold as a logit, computed in double as Coral does: -log(1 / (t + 1e-6) - 1).
    const float min_logit =
        static_cast<float>(-std::log(1.0f / (static_cast<double>(p.score_threshold) + 1e-6) - 1.0f));
    const float radius = p.nms_radius / static_cast<float>(p.stride);  // in blocks
    const float squared_radius = radius * radius;

    // Root candidates: keypoints at least the threshold and maximal in their 3x3 window, refined by their short
    // offset, in a max-heap pushed in scan order.
    int64_t num_roots = 0;
    for (int32_t y = 0; y < h; ++y) {
        for (int32_t x = 0; x < w; ++x) {
            const int64_t cell = int64_t{y} * w + x;
            for (int32_t j = 0; j < kp; ++j) {
                const float score = in.heatmaps[cell * kp + j];
                if (!(score >= min_logit)) continue;
                bool local_max = true;
                const int32_t y0 = std::max(y - d::local_max_radius, 0), y1 = std::min(y + d::local_max_radius + 1, h);
                const int32_t x0 = std::max(x - d::local_max_radius, 0), x1 = std::min(x + d::local_max_radius + 1, w);
                for (int32_t yy = y0; yy < y1 && local_max; ++yy)
                    for (int32_t xx = x0; xx < x1; ++xx)
                        if (in.heatmaps[(int64_t{yy} * w + xx) * kp + j] > score) {
                            local_max = false;
                            break;
                        }
                if (!local_max) continue;
                const float dy = in.short_offsets[cell * 2 * kp + j];
                const float dx = in.short_offsets[cell * 2 * kp + kp + j];
                const d::point refined{d::clamp_to(static_cast<float>(y) + dy, 0.0f, ymax),
                                       d::clamp_to(static_cast<float>(x) + dx, 0.0f, xmax)};
                roots[num_roots++] = d::keypoint{refined, j, score};
                std::push_heap(roots, roots + num_roots, d::lower_score);
            }
        }
    }

    int32_t count = 0;
    while (count < p.max_detections && num_roots > 0) {
        std::pop_heap(roots, roots + num_roots, d::lower_score);
        const d::keypoint root = roots[--num_roots];
        // Skip a root near the same keypoint of an already accepted pose.
        bool near_existing = false;
        for (int32_t i = 0; i < count && !near_existing; ++i)
            near_existing = d::squared_distance(root.p, poses[i].keypoints[root.id]) <= squared_radius;
        if (near_existing) continue;

        d::pose& candidate = poses[count];
        float* scores = kp_scores + int64_t{count} * kp;
        for (int32_t k = 0; k < kp; ++k) {
            candidate.keypoints[k] = d::point{-1.0f, -1.0f};
            scores[k] = -1e5f;
        }
        d::decode_pose(in, root, candidate, scores);
        for (int32_t k = 0; k < kp; ++k) scores[k] = d::sigmoid(scores[k]);
        const float score = d::mean_score(scores, nullptr);
        if (score >= p.score_threshold) instance[count++] = score;
    }

    // Soft keypoint NMS: in decreasing score order, keypoints near the same keypoint of a better pose no longer
    // count towards a pose's score.
    auto decreasing = [instance](int32_t i, int32_t j) { return d::greater_at(instance, i, j); };
    std::iota(order, order + count, 0);
    std::sort(order, order + count, decreasing);
    for (int32_t i = 0; i < count; ++i) {
        const int32_t current = order[i];
        bool occluded[kp] = {};
        for (int32_t j = 0; j < i; ++j)
            for (int32_t k = 0; k < kp; ++k)
                if (d::squared_distance(poses[current].keypoints[k], poses[order[j]].keypoints[k]) <= squared_radius)
                    occluded[k] = true;
        instance[current] = d::mean_score(kp_scores + int64_t{current} * kp, occluded);
    }
    std::iota(order, order + count, 0);
    std::sort(order, order + count, decreasing);

    const int64_t rows = p.max_detections;
    std::fill(out.keypoints, out.keypoints + rows * kp * 2, 0.0f);
    std::fill(out.keypoint_scores, out.keypoint_scores + rows * kp, 0.0f);
    std::fill(out.pose_scores, out.pose_scores + rows, 0.0f);
    int32_t written = 0;
    for (int32_t i = 0; i < count; ++i) {
        const int32_t index = order[i];
        if (instance[index] < p.score_threshold) break;
        for (int32_t k = 0; k < kp; ++k) {
            out.keypoints[(int64_t{written} * kp + k) * 2 + 0] = poses[index].keypoints[k].y * static_cast<float>(p.stride);
            out.keypoints[(int64_t{written} * kp + k) * 2 + 1] = poses[index].keypoints[k].x * static_cast<float>(p.stride);
            out.keypoint_scores[int64_t{written} * kp + k] = kp_scores[int64_t{index} * kp + k];
        }
        out.pose_scores[written] = instance[index];
        ++written;
    }
    *out.pose_count = static_cast<float>(written);
    return status::ok();
}

}  // namespace flatnn::reference
