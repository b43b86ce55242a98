// The Coral classification expectations (../shared/models/coral-test-data/README.md): cat.bmp, top-3 contains
// the class with at least the score given there.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/image.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

struct expectation {
    const char* model;
    int label;
    float min_score;
};

// Returns (class, dequantized score) pairs of the top k.
std::vector<std::pair<int, float>> classify(const std::string& model_path, const std::string& image_path, int k) {
    auto m = model::from_file(model_path);
    REQUIRE_MESSAGE(m, m.error().message());
    interpreter it(*m);
    status s = it.allocate();
    REQUIRE_MESSAGE(s, s.message());
    tensor& in = it.input(0);
    REQUIRE(in.type == dtype::uint8);
    auto img = tools::load_image(image_path);
    REQUIRE_MESSAGE(img, img.error().message());
    auto resized = tools::prepare_input(*img, in.dims[1], in.dims[2], in.dims[3]);
    REQUIRE(resized);
    REQUIRE(int64_t(resized->pixels.size()) == in.num_elements());
    std::memcpy(in.data, resized->pixels.data(), resized->pixels.size());
    s = it.invoke();
    REQUIRE_MESSAGE(s, s.message());
    const tensor& out = it.output(0);
    REQUIRE(out.type == dtype::uint8);
    std::vector<std::pair<int, float>> scores;
    for (int64_t i = 0; i < out.num_elements(); ++i)
        scores.emplace_back(int(i), out.scale() * float(int(out.data_as<uint8_t>()[i]) - out.zero_point()));
    std::stable_sort(scores.begin(), scores.end(), [](auto& a, auto& b) { return a.second > b.second; });
    scores.resize(size_t(k));
    return scores;
}

}  // namespace

TEST_CASE("Coral classification thresholds on cat.bmp") {
    if (!test::have_shared()) return;
    const expectation cases[] = {
        {"mobilenet_v1_0.25_128_quant.tflite", 283, 0.25f},
        {"mobilenet_v1_0.5_160_quant.tflite", 286, 0.51f},
        {"mobilenet_v1_0.75_192_quant.tflite", 283, 0.35f},
        {"mobilenet_v2_1.0_224_quant.tflite", 286, 0.7f},
        {"tf2_mobilenet_v2_1.0_224_ptq.tflite", 286, 0.6f},
    };
    for (const auto& c : cases) {
        CAPTURE(c.model);
        const auto top = classify(test::coral_dir() + "/" + c.model, test::coral_dir() + "/cat.bmp", 3);
        bool found = false;
        for (const auto& r : top) found = found || (r.first == c.label && r.second >= c.min_score);
        CHECK_MESSAGE(found, "top-1 " << top[0].first << " (" << top[0].second << "), expected class " << c.label
                                      << " with score >= " << c.min_score);
    }
}
