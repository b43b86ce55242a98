// PoseNet with the PosenetDecoderOp custom op against the reference CSV beside the model
// (../shared/models/coral-test-data/README.md: pose count equal; pose score within 0.1; keypoints scored
// > 0.7 in both within 0.04 in x and y, normalised by the input width and height).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/image.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

struct csv_keypoint {
    float pose_score, score, x, y;
};

std::map<int, std::map<int, csv_keypoint>> read_reference(const std::string& path) {
    std::map<int, std::map<int, csv_keypoint>> poses;
    std::ifstream f(path);
    std::string line;
    std::getline(f, line);  // header
    while (std::getline(f, line)) {
        std::replace(line.begin(), line.end(), ',', ' ');
        std::istringstream s(line);
        int pose = 0, kp = 0;
        csv_keypoint k{};
        if (s >> pose >> k.pose_score >> kp >> k.score >> k.x >> k.y) poses[pose][kp] = k;
    }
    return poses;
}

}  // namespace

TEST_CASE("PoseNet on test_image.bmp matches the reference CSV") {
    if (!test::have_shared()) return;
    const std::string dir = test::coral_dir() + "/posenet/";
    auto m = model::from_file(dir + "posenet_mobilenet_v1_075_353_481_16_quant_decoder.tflite");
    REQUIRE_MESSAGE(m, m.error().message());
    interpreter it(*m);
    status s = it.allocate();
    REQUIRE_MESSAGE(s, s.message());
    tensor& in = it.input(0);
    REQUIRE(in.type == dtype::uint8);
    auto img = tools::load_image(dir + "test_image.bmp");
    REQUIRE_MESSAGE(img, img.error().message());
    auto resized = tools::prepare_input(*img, in.dims[1], in.dims[2], in.dims[3]);
    REQUIRE(resized);
    std::memcpy(in.data, resized->pixels.data(), resized->pixels.size());
    s = it.invoke();
    REQUIRE_MESSAGE(s, s.message());

    const auto expected = read_reference(dir + "posenet_mobilenet_v1_075_353_481_16_quant_decoder_reference.csv");
    REQUIRE(!expected.empty());
    const float* keypoints = it.output(0).data_as<float>();  // [1, max, 17, 2] (y, x) in pixels
    const float* kp_scores = it.output(1).data_as<float>();
    const float* pose_scores = it.output(2).data_as<float>();
    const int count = int(it.output(3).data_as<float>()[0]);
    CHECK(count == int(expected.size()));
    const float h = float(in.dims[1]), w = float(in.dims[2]);
    int compared = 0;
    for (const auto& [pose, kps] : expected) {
        if (pose >= count) break;
        const auto pose_index = pose;  // clang 14 cannot capture a structured binding in CAPTURE's lambda
        CAPTURE(pose_index);
        CHECK(std::fabs(pose_scores[pose] - kps.begin()->second.pose_score) <= 0.1f);
        for (const auto& [k, ref] : kps) {
            const float score = kp_scores[pose * 17 + k];
            if (!(score > 0.7f && ref.score > 0.7f)) continue;
            const auto keypoint = k;
            CAPTURE(keypoint);
            CHECK(std::fabs(keypoints[(pose * 17 + k) * 2 + 1] / w - ref.x) <= 0.04f);
            CHECK(std::fabs(keypoints[(pose * 17 + k) * 2 + 0] / h - ref.y) <= 0.04f);
            ++compared;
        }
    }
    CHECK(compared > 10);
}
