// TFLite_Detection_PostProcess reference kernel on small hand-computed cases (tflite-format.md §9).
#include <doctest/doctest.h>
#include <flatbuffers/flexbuffers.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "flatnn/reference/detection_postprocess.hpp"

namespace fr = flatnn::reference;

namespace {

// Five anchors of size 0.5 x 0.5; with zero encodings each decodes to its anchor's corners:
//   a0 [0, 0, .5, .5]   a1 [0, .0625, .5, .5625]   a2 [.5, .5, 1, 1]   a3 [0, .5, .5, 1]   a4 [.5, 0, 1, .5]
// IoU(a0,a1) = .21875 / .28125 = .778; IoU(a1,a3) = .03125 / .46875 = .067; every other pair touches or is apart.
const std::vector<float> kAnchors = {
    0.25f, 0.25f, 0.5f, 0.5f,    //
    0.25f, 0.3125f, 0.5f, 0.5f,  //
    0.75f, 0.75f, 0.5f, 0.5f,    //
    0.25f, 0.75f, 0.5f, 0.5f,    //
    0.75f, 0.25f, 0.5f, 0.5f,
};
const std::vector<float> kZeroEncodings(5 * 4, 0.0f);
// Column 0 is background.
const std::vector<float> kScores = {
    0.0f, 0.9f,  0.2f,   // a0: best class 0
    0.0f, 0.3f,  0.95f,  // a1: best class 1
    0.0f, 0.5f,  0.5f,   // a2: tie, class 0 comes first
    0.0f, 0.1f,  0.6f,   // a3: best class 1
    0.9f, 0.05f, 0.1f,   // a4: background is ignored, best real score 0.1
};

struct outputs {
    std::vector<float> boxes, classes, scores;
    float num = -1.0f;
};

fr::detection_postprocess_params base_params() {
    fr::detection_postprocess_params p;
    p.max_detections = 3;
    p.max_classes_per_detection = 1;
    p.detections_per_class = 100;
    p.use_regular_nms = false;
    p.nms_score_threshold = 0.3f;
    p.nms_iou_threshold = 0.5f;
    p.num_classes = 2;
    p.y_scale = 10.0f;
    p.x_scale = 10.0f;
    p.h_scale = 5.0f;
    p.w_scale = 5.0f;
    return p;
}

outputs run(const fr::detection_postprocess_params& p, const std::vector<float>& encodings, int32_t stride,
            const std::vector<float>& scores, int32_t columns, const std::vector<float>& anchors) {
    const int32_t num_anchors = static_cast<int32_t>(anchors.size() / 4);
    auto bytes = fr::detection_postprocess_scratch_bytes(p, num_anchors, columns);
    REQUIRE(bytes.is_ok());
    // One byte more, then start at +1: the kernel must cope with a misaligned scratch pointer.
    std::vector<unsigned char> scratch(*bytes + 1);
    const auto rows = static_cast<size_t>(fr::detection_postprocess_output_rows(p));
    outputs o;
    o.boxes.assign(rows * 4, -7.0f);  // sentinels: every row must be overwritten
    o.classes.assign(rows, -7.0f);
    o.scores.assign(rows, -7.0f);
    fr::detection_postprocess_inputs in;
    in.box_encodings = encodings.data();
    in.box_stride = stride;
    in.class_scores = scores.data();
    in.num_classes_with_background = columns;
    in.anchors = anchors.data();
    in.num_anchors = num_anchors;
    const fr::detection_postprocess_outputs out{o.boxes.data(), o.classes.data(), o.scores.data(), &o.num};
    auto st = fr::detection_postprocess(p, in, out, scratch.data() + 1, *bytes);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    return o;
}

void check_row(const outputs& o, size_t row, std::vector<float> box, float label, float score) {
    CAPTURE(row);
    for (size_t c = 0; c < 4; ++c) CHECK(o.boxes[row * 4 + c] == doctest::Approx(box[c]).epsilon(1e-6));
    CHECK(o.classes[row] == label);
    CHECK(o.scores[row] == score);
}

void check_zero_row(const outputs& o, size_t row) { check_row(o, row, {0, 0, 0, 0}, 0.0f, 0.0f); }

}  // namespace

TEST_CASE("detection_postprocess: fast NMS picks by best class score and suppresses IoU > threshold") {
    // Candidates (>= 0.3): a1 .95, a0 .9, a3 .6, a2 .5. a1 suppresses a0 (IoU .778); a3 and a2 survive.
    const auto o = run(base_params(), kZeroEncodings, 4, kScores, 3, kAnchors);
    CHECK(o.num == 3.0f);
    check_row(o, 0, {0, 0.0625f, 0.5f, 0.5625f}, 1.0f, 0.95f);
    check_row(o, 1, {0, 0.5f, 0.5f, 1.0f}, 1.0f, 0.6f);
    check_row(o, 2, {0.5f, 0.5f, 1.0f, 1.0f}, 0.0f, 0.5f);  // tied classes: the first one
}

TEST_CASE("detection_postprocess: max_detections caps the output, unused rows are zero") {
    auto p = base_params();
    p.max_detections = 5;
    const auto o = run(p, kZeroEncodings, 4, kScores, 3, kAnchors);
    CHECK(o.num == 3.0f);
    check_zero_row(o, 3);
    check_zero_row(o, 4);

    p.max_detections = 2;
    const auto two = run(p, kZeroEncodings, 4, kScores, 3, kAnchors);
    CHECK(two.num == 2.0f);
    check_row(two, 1, {0, 0.5f, 0.5f, 1.0f}, 1.0f, 0.6f);
}

TEST_CASE("detection_postprocess: the score threshold is inclusive") {
    auto p = base_params();
    p.max_detections = 5;
    p.nms_score_threshold = 0.5f;  // a2's score is exactly 0.5
    const auto o = run(p, kZeroEncodings, 4, kScores, 3, kAnchors);
    CHECK(o.num == 3.0f);
    check_row(o, 2, {0.5f, 0.5f, 1.0f, 1.0f}, 0.0f, 0.5f);
    p.nms_score_threshold = 0.51f;
    CHECK(run(p, kZeroEncodings, 4, kScores, 3, kAnchors).num == 2.0f);
}

TEST_CASE("detection_postprocess: IoU equal to the threshold does not suppress") {
    // Boxes [0,0,1,1] and [0,0,1,.5]: intersection .5, union 1, IoU exactly .5.
    const std::vector<float> anchors = {0.5f, 0.5f, 1.0f, 1.0f, 0.5f, 0.25f, 1.0f, 0.5f};
    const std::vector<float> enc(8, 0.0f);
    const std::vector<float> scores = {0.9f, 0.8f};  // one class, no background column
    auto p = base_params();
    p.num_classes = 1;
    p.nms_iou_threshold = 0.5f;
    CHECK(run(p, enc, 4, scores, 1, anchors).num == 2.0f);
    p.nms_iou_threshold = 0.49f;
    const auto o = run(p, enc, 4, scores, 1, anchors);
    CHECK(o.num == 1.0f);
    check_row(o, 0, {0, 0, 1, 1}, 0.0f, 0.9f);
}

TEST_CASE("detection_postprocess: equal scores keep anchor order") {
    // a0 and a2 do not overlap and both score 0.7: a0 first, as TFLite's stable sort gives.
    std::vector<float> scores = kScores;
    scores[0 * 3 + 1] = 0.7f;
    scores[2 * 3 + 1] = 0.7f;
    scores[2 * 3 + 2] = 0.0f;
    scores[1 * 3 + 2] = 0.0f;  // drop a1 and a3 below the threshold
    scores[1 * 3 + 1] = 0.0f;
    scores[3 * 3 + 2] = 0.0f;
    const auto o = run(base_params(), kZeroEncodings, 4, scores, 3, kAnchors);
    CHECK(o.num == 2.0f);
    check_row(o, 0, {0, 0, 0.5f, 0.5f}, 0.0f, 0.7f);
    check_row(o, 1, {0.5f, 0.5f, 1.0f, 1.0f}, 0.0f, 0.7f);
}

TEST_CASE("detection_postprocess: fast NMS with two classes per detection fills rows k*2+j") {
    auto p = base_params();
    p.max_detections = 2;
    p.max_classes_per_detection = 2;
    const auto o = run(p, kZeroEncodings, 4, kScores, 3, kAnchors);
    CHECK(o.num == 2.0f);
    REQUIRE(o.classes.size() == 4);
    check_row(o, 0, {0, 0.0625f, 0.5f, 0.5625f}, 1.0f, 0.95f);
    check_row(o, 1, {0, 0.0625f, 0.5f, 0.5625f}, 0.0f, 0.3f);
    check_row(o, 2, {0, 0.5f, 0.5f, 1.0f}, 1.0f, 0.6f);
    check_row(o, 3, {0, 0.5f, 0.5f, 1.0f}, 0.0f, 0.1f);
}

TEST_CASE("detection_postprocess: regular NMS runs per class and merges by score") {
    // Class 0 (>= .3): a0 .9, a2 .5, a1 .3 -> a1 suppressed by a0 -> [a0, a2].
    // Class 1: a1 .95, a3 .6, a2 .5 -> none suppressed -> [a1, a3, a2], capped by detections_per_class.
    auto p = base_params();
    p.use_regular_nms = true;
    p.detections_per_class = 2;
    p.max_detections = 3;
    const auto o = run(p, kZeroEncodings, 4, kScores, 3, kAnchors);
    CHECK(o.num == 3.0f);
    check_row(o, 0, {0, 0.0625f, 0.5f, 0.5625f}, 1.0f, 0.95f);
    check_row(o, 1, {0, 0, 0.5f, 0.5f}, 0.0f, 0.9f);
    check_row(o, 2, {0, 0.5f, 0.5f, 1.0f}, 1.0f, 0.6f);

    // All five fit: the equal .5 scores of a2 keep class 0 before class 1; row 5 stays zero.
    p.detections_per_class = 3;
    p.max_detections = 6;
    const auto all = run(p, kZeroEncodings, 4, kScores, 3, kAnchors);
    CHECK(all.num == 5.0f);
    check_row(all, 3, {0.5f, 0.5f, 1.0f, 1.0f}, 0.0f, 0.5f);
    check_row(all, 4, {0.5f, 0.5f, 1.0f, 1.0f}, 1.0f, 0.5f);
    check_zero_row(all, 5);
}

TEST_CASE("detection_postprocess: regular NMS caps per class at min(detections_per_class, max_detections)") {
    auto p = base_params();
    p.use_regular_nms = true;
    p.detections_per_class = 100;
    p.max_detections = 1;
    const auto o = run(p, kZeroEncodings, 4, kScores, 3, kAnchors);
    CHECK(o.num == 1.0f);
    check_row(o, 0, {0, 0.0625f, 0.5f, 0.5625f}, 1.0f, 0.95f);
}

TEST_CASE("detection_postprocess: box decoding with scales and extra encoding values") {
    // Anchor (y .5, x .5, h .2, w .4); encoding (1, -2, 5 ln 2, 0, extra 99):
    // yc = 1/10*.2 + .5 = .52, xc = -2/10*.4 + .5 = .42, half_h = .5*2*.2 = .2, half_w = .5*1*.4 = .2.
    const std::vector<float> anchors = {0.5f, 0.5f, 0.2f, 0.4f};
    const std::vector<float> enc = {1.0f, -2.0f, 5.0f * std::log(2.0f), 0.0f, 99.0f};
    const std::vector<float> scores = {0.1f, 0.8f};
    const auto o = run(base_params(), enc, 5, scores, 2, anchors);
    CHECK(o.num == 1.0f);
    CHECK(o.boxes[0] == doctest::Approx(0.32f).epsilon(1e-6));
    CHECK(o.boxes[1] == doctest::Approx(0.22f).epsilon(1e-6));
    CHECK(o.boxes[2] == doctest::Approx(0.72f).epsilon(1e-6));
    CHECK(o.boxes[3] == doctest::Approx(0.62f).epsilon(1e-6));
    CHECK(o.classes[0] == 1.0f);  // no background column: label offset 0
    CHECK(o.scores[0] == 0.8f);
}

TEST_CASE("detection_postprocess: uint8 dequantization helpers") {
    const uint8_t boxes[] = {138, 128, 118, 255, 7};  // one row of stride 5
    float out[4];
    fr::dequantize_detection_boxes(boxes, 1, 5, 0.1f, 128, out);
    CHECK(out[0] == 1.0f);   // (138 - 128) * 0.1 rounds to exactly 1 in float
    CHECK(out[1] == 0.0f);
    CHECK(out[2] == -1.0f);
    CHECK(out[3] == doctest::Approx(12.7f));
    const uint8_t q[] = {0, 200, 255};
    float s[3];
    fr::dequantize_detection_scores(q, 3, 1.0f / 256.0f, 0, s);
    CHECK(s[0] == 0.0f);
    CHECK(s[1] == 0.78125f);
    CHECK(s[2] == 0.99609375f);

    // TFLite's x86 Dequantize rounds blocks of 8 as float(q)*s + float(-zp*s) and the tail in double; for
    // s = 0x1.d2d6d2p-8 (0.0071234), zp = 7, q = 5 the two differ in the last bit (values from numpy).
    const uint8_t fives[9] = {5, 5, 5, 5, 5, 5, 5, 5, 5};
    float f[9];
    fr::dequantize_detection_scores(fives, 9, 0x1.d2d6d2p-8f, 7, f);
    for (int i = 0; i < 8; ++i) CHECK(f[i] == -0x1.d2d6dp-7f);
    CHECK(f[8] == -0x1.d2d6d2p-7f);
}

TEST_CASE("detection_postprocess: errors") {
    auto p = base_params();
    std::vector<unsigned char> scratch(1 << 16);
    std::vector<float> boxes(12), classes(3), scores(3);
    float num = 0;
    fr::detection_postprocess_inputs in;
    in.box_encodings = kZeroEncodings.data();
    in.class_scores = kScores.data();
    in.num_classes_with_background = 3;
    in.anchors = kAnchors.data();
    in.num_anchors = 5;
    const fr::detection_postprocess_outputs out{boxes.data(), classes.data(), scores.data(), &num};

    SUBCASE("scratch too small") {
        auto need = fr::detection_postprocess_scratch_bytes(p, 5, 3);
        REQUIRE(need.is_ok());
        auto st = fr::detection_postprocess(p, in, out, scratch.data(), *need - 1);
        REQUIRE_FALSE(st.is_ok());
        CHECK(st.message().find("scratch") != std::string::npos);
    }
    SUBCASE("class columns must be num_classes or num_classes + 1") {
        in.num_classes_with_background = 4;
        auto st = fr::detection_postprocess(p, in, out, scratch.data(), scratch.size());
        REQUIRE_FALSE(st.is_ok());
        CHECK(st.message().find("columns") != std::string::npos);
    }
    SUBCASE("a decoded box with min > max") {
        std::vector<float> anchors = kAnchors;
        anchors[2 * 4 + 2] = -0.5f;  // negative height for anchor 2
        in.anchors = anchors.data();
        auto st = fr::detection_postprocess(p, in, out, scratch.data(), scratch.size());
        REQUIRE_FALSE(st.is_ok());
        CHECK(st.message().find("anchor 2") != std::string::npos);
    }
    SUBCASE("IoU threshold outside (0, 1]") {
        p.nms_iou_threshold = 0.0f;
        CHECK_FALSE(fr::detection_postprocess(p, in, out, scratch.data(), scratch.size()).is_ok());
        CHECK_FALSE(fr::detection_postprocess_scratch_bytes(p, 5, 3).is_ok());
    }
}

TEST_CASE("detection_postprocess: options from a FlexBuffer map") {
    auto build = [](bool with_max_detections, bool with_optional) {
        ::flexbuffers::Builder b;
        b.Map([&] {
            if (with_max_detections) b.Int("max_detections", 10);
            b.Int("max_classes_per_detection", 1);
            if (with_optional) {
                b.Int("detections_per_class", 7);
                b.Bool("use_regular_nms", true);
            }
            b.Float("nms_score_threshold", 1e-8f);
            b.Float("nms_iou_threshold", 0.6f);
            b.Int("num_classes", 90);
            b.Float("y_scale", 10.0f);
            b.Float("x_scale", 10.0f);
            b.Float("h_scale", 5.0f);
            b.Float("w_scale", 5.0f);
            b.Bool("_output_quantized", true);
        });
        b.Finish();
        return b.GetBuffer();
    };
    const auto full = build(true, true);
    auto p = fr::parse_detection_postprocess_options(full.data(), full.size());
    REQUIRE(p.is_ok());
    CHECK(p->max_detections == 10);
    CHECK(p->max_classes_per_detection == 1);
    CHECK(p->detections_per_class == 7);
    CHECK(p->use_regular_nms == true);
    CHECK(p->nms_score_threshold == 1e-8f);
    CHECK(p->nms_iou_threshold == 0.6f);
    CHECK(p->num_classes == 90);
    CHECK(p->y_scale == 10.0f);
    CHECK(p->w_scale == 5.0f);

    const auto defaults = build(true, false);
    auto d = fr::parse_detection_postprocess_options(defaults.data(), defaults.size());
    REQUIRE(d.is_ok());
    CHECK(d->detections_per_class == 100);
    CHECK(d->use_regular_nms == false);

    const auto missing = build(false, true);
    auto m = fr::parse_detection_postprocess_options(missing.data(), missing.size());
    REQUIRE_FALSE(m.is_ok());
    CHECK(m.error().message().find("'max_detections' is missing") != std::string::npos);

    const uint8_t garbage[] = {1, 2, 3};
    CHECK_FALSE(fr::parse_detection_postprocess_options(garbage, sizeof garbage).is_ok());
}
