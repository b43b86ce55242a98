// PosenetDecoderOp reference kernel on tiny synthetic grids whose poses can be worked out by hand.
#include <doctest/doctest.h>
#include <flatbuffers/flexbuffers.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "flatnn/reference/posenet_decoder.hpp"

namespace fr = flatnn::reference;

namespace {

constexpr int kH = 8, kW = 9, kKp = 17;
enum { nose, left_eye, right_eye, left_ear, right_ear, left_shoulder, right_shoulder, left_elbow, right_elbow,
       left_wrist, right_wrist, left_hip, right_hip, left_knee, right_knee, left_ankle, right_ankle };

// Edges away from the nose in the pose tree: every keypoint sits one row below its parent, so with mid offsets of
// +1 row forward and -1 row backward the skeleton is consistent whichever keypoint is the root.
const int kDepth[kKp] = {0, 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3, 4, 4};
constexpr int kTopRow = 1;

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

struct grid {
    std::vector<float> heat = std::vector<float>(kH * kW * kKp, -5.0f);
    std::vector<float> shorts = std::vector<float>(kH * kW * 2 * kKp, 0.0f);
    std::vector<float> mids = std::vector<float>(kH * kW * 64, 0.0f);

    grid() {
        for (int cell = 0; cell < kH * kW; ++cell) {
            for (int e = 0; e < 16; ++e) {
                mids[cell * 64 + e] = 1.0f;        // forward edges: y + 1
                mids[cell * 64 + 32 + e] = -1.0f;  // backward edges: y - 1
            }
        }
    }
    float& heat_at(int y, int x, int k) { return heat[(y * kW + x) * kKp + k]; }
    // A person in column x: logit `root_logit` for keypoint `root`, `other_logit` for the rest.
    void person(int x, int root, float root_logit, float other_logit) {
        for (int k = 0; k < kKp; ++k) heat_at(kTopRow + kDepth[k], x, k) = k == root ? root_logit : other_logit;
    }
};

struct result {
    std::vector<float> keypoints, keypoint_scores, pose_scores;
    float count = -1.0f;
};

result decode(const fr::posenet_decoder_params& p, const grid& g) {
    auto bytes = fr::posenet_decoder_scratch_bytes(p, kH, kW);
    REQUIRE(bytes.is_ok());
    std::vector<unsigned char> scratch(*bytes + 3);
    result r;
    const auto d = static_cast<size_t>(p.max_detections);
    r.keypoints.assign(d * kKp * 2, -7.0f);  // sentinels: every row must be overwritten
    r.keypoint_scores.assign(d * kKp, -7.0f);
    r.pose_scores.assign(d, -7.0f);
    const fr::posenet_decoder_inputs in{g.heat.data(), g.shorts.data(), g.mids.data(), kH, kW};
    const fr::posenet_decoder_outputs out{r.keypoints.data(), r.keypoint_scores.data(), r.pose_scores.data(),
                                          &r.count};
    auto st = fr::posenet_decoder(p, in, out, scratch.data() + 3, *bytes);  // misaligned on purpose
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    return r;
}

fr::posenet_decoder_params params(int max_detections, int stride) {
    fr::posenet_decoder_params p;
    p.max_detections = max_detections;
    p.score_threshold = 0.5f;
    p.stride = stride;
    p.nms_radius = 8.0f;
    return p;
}

// Pose `i` has the skeleton in column x, keypoint k scored sigmoid(logit[k]).
void check_pose(const result& r, int i, int x, int stride, int root, float root_logit, float other_logit) {
    CAPTURE(i);
    float total = sigmoid(root_logit);  // summed in decreasing order, as the decoder does
    for (int k = 0; k < kKp - 1; ++k) total += sigmoid(other_logit);
    CHECK(r.pose_scores[i] == doctest::Approx(total / kKp).epsilon(1e-6));
    for (int k = 0; k < kKp; ++k) {
        CAPTURE(k);
        CHECK(r.keypoints[(i * kKp + k) * 2 + 0] == float((kTopRow + kDepth[k]) * stride));
        CHECK(r.keypoints[(i * kKp + k) * 2 + 1] == float(x * stride));
        const float logit = k == root ? root_logit : other_logit;
        CHECK(r.keypoint_scores[i * kKp + k] == doctest::Approx(sigmoid(logit)).epsilon(1e-6));
    }
}

}  // namespace

TEST_CASE("posenet_decoder: a root at the nose follows forward mid offsets") {
    grid g;
    g.person(4, nose, 3.0f, 1.0f);
    const auto r = decode(params(2, 16), g);
    CHECK(r.count == 1.0f);  // the other 16 peaks lie on the decoded pose and are suppressed as roots
    check_pose(r, 0, 4, 16, nose, 3.0f, 1.0f);
    CHECK(r.pose_scores[1] == 0.0f);
    CHECK(r.keypoints[kKp * 2] == 0.0f);
}

// With threshold 0.05 (logit -2.944) only the keypoint with logit 3 can be a root (the others have -3), yet the
// decoded pose (mean probability ~0.1) is kept: the pose must come from that root.
fr::posenet_decoder_params single_root_params() {
    auto p = params(2, 16);
    p.score_threshold = 0.05f;
    return p;
}

TEST_CASE("posenet_decoder: a root at the left ankle walks backward edges up to the nose") {
    grid g;
    g.person(4, left_ankle, 3.0f, -3.0f);
    const auto r = decode(single_root_params(), g);
    CHECK(r.count == 1.0f);
    check_pose(r, 0, 4, 16, left_ankle, 3.0f, -3.0f);
}

TEST_CASE("posenet_decoder: backward edge 16 (left eye to nose) reads the backward offset block") {
    // Coral's older decoder read this edge from channels 16/32 and would place the nose at column 3.
    grid g;
    g.person(4, left_eye, 3.0f, -3.0f);
    const auto r = decode(single_root_params(), g);
    CHECK(r.count == 1.0f);
    check_pose(r, 0, 4, 16, left_eye, 3.0f, -3.0f);
}

TEST_CASE("posenet_decoder: two people ordered by pose score; max_detections caps them") {
    grid g;
    g.person(2, nose, 3.0f, 1.0f);
    g.person(6, right_hip, 2.5f, 0.5f);
    const auto r = decode(params(3, 4), g);  // nms radius 8 px = 2 blocks < 4 columns apart
    CHECK(r.count == 2.0f);
    check_pose(r, 0, 2, 4, nose, 3.0f, 1.0f);
    check_pose(r, 1, 6, 4, right_hip, 2.5f, 0.5f);
    CHECK(r.pose_scores[2] == 0.0f);

    const auto one = decode(params(1, 4), g);
    CHECK(one.count == 1.0f);
    check_pose(one, 0, 2, 4, nose, 3.0f, 1.0f);
}

TEST_CASE("posenet_decoder: a pose whose mean score is below the threshold is dropped") {
    // Person B's root passes the logit threshold (0.5 >= logit(0.5) ~ 0) but its mean probability is ~0.29.
    grid g;
    g.person(2, nose, 3.0f, 1.0f);
    g.person(6, nose, 0.5f, -1.0f);
    const auto r = decode(params(3, 4), g);
    CHECK(r.count == 1.0f);
    check_pose(r, 0, 2, 4, nose, 3.0f, 1.0f);
}

TEST_CASE("posenet_decoder: a rejected pose does not use up a detection slot") {
    // B's root (logit 4) is tried first, but B's mean (~0.10) is below 0.5; A still gets the single slot.
    grid g;
    g.person(2, nose, 3.0f, 1.0f);
    g.person(6, nose, 4.0f, -3.0f);
    const auto r = decode(params(1, 4), g);
    CHECK(r.count == 1.0f);
    check_pose(r, 0, 2, 4, nose, 3.0f, 1.0f);
}

TEST_CASE("posenet_decoder: the root moves by its short offset and is rescored there") {
    // The nose peak (logit 3) is at row 0, its short offset moves it down one row, where the nose logit is 2.
    grid g;
    g.person(4, nose, 2.0f, 1.0f);
    g.heat_at(0, 4, nose) = 3.0f;
    g.shorts[(0 * kW + 4) * 2 * kKp + nose] = 1.0f;
    const auto r = decode(params(1, 16), g);
    CHECK(r.count == 1.0f);
    check_pose(r, 0, 4, 16, nose, 2.0f, 1.0f);
}

TEST_CASE("posenet_decoder: input conversion helpers round as the op does") {
    fr::posenet_decoder_params p = params(1, 16);
    CHECK(fr::posenet_offset_scale(p) == 0.0625f);
    const uint8_t q[] = {180, 200, 100};
    float out[3];
    fr::posenet_dequantize(q, 3, 0.5f, 180, 1.0f, out);
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == 10.0f);
    CHECK(out[2] == -40.0f);
    fr::posenet_dequantize(q, 3, 0.5f, 180, fr::posenet_offset_scale(p), out);
    CHECK(out[1] == 0.625f);
    const float f[] = {32.0f, -8.0f};
    float g[2];
    fr::posenet_rescale(f, 2, 0.0625f, g);
    CHECK(g[0] == 2.0f);
    CHECK(g[1] == -0.5f);
}

TEST_CASE("posenet_decoder: options and errors") {
    auto build = [](bool with_stride, int stride) {
        ::flexbuffers::Builder b;
        b.Map([&] {
            b.Bool("_output_quantized", true);
            b.Int("max_detections", 20);
            b.Float("nms_radius", 10.0f);
            b.Float("score_threshold", 0.2f);
            if (with_stride) b.Int("stride", stride);
        });
        b.Finish();
        return b.GetBuffer();
    };
    const auto good = build(true, 16);
    auto p = fr::parse_posenet_decoder_options(good.data(), good.size());
    REQUIRE(p.is_ok());
    CHECK(p->max_detections == 20);
    CHECK(p->nms_radius == 10.0f);
    CHECK(p->score_threshold == 0.2f);
    CHECK(p->stride == 16);

    const auto missing = build(false, 0);
    auto m = fr::parse_posenet_decoder_options(missing.data(), missing.size());
    REQUIRE_FALSE(m.is_ok());
    CHECK(m.error().message().find("'stride' is missing") != std::string::npos);

    const auto zero = build(true, 0);
    auto z = fr::parse_posenet_decoder_options(zero.data(), zero.size());
    REQUIRE_FALSE(z.is_ok());
    CHECK(z.error().message().find("stride 0") != std::string::npos);

    grid g;
    std::vector<float> k(34), ks(17), ps(1);
    float count = 0;
    const fr::posenet_decoder_inputs in{g.heat.data(), g.shorts.data(), g.mids.data(), kH, kW};
    const fr::posenet_decoder_outputs out{k.data(), ks.data(), ps.data(), &count};
    auto need = fr::posenet_decoder_scratch_bytes(*p, kH, kW);
    REQUIRE(need.is_ok());
    std::vector<unsigned char> scratch(*need);
    auto small = fr::posenet_decoder(params(1, 16), in, out, scratch.data(), 64);
    REQUIRE_FALSE(small.is_ok());
    CHECK(small.message().find("scratch") != std::string::npos);
    const fr::posenet_decoder_inputs empty{g.heat.data(), g.shorts.data(), g.mids.data(), 0, kW};
    CHECK_FALSE(fr::posenet_decoder(params(1, 16), empty, out, scratch.data(), scratch.size()).is_ok());
    CHECK_FALSE(fr::posenet_decoder_scratch_bytes(*p, 0, 5).is_ok());
}
