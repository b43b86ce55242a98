// Classifies an image with a quantized ImageNet classifier and prints the top 5 labels.
//   classify_image mobilenet_v1_0.25_128_quant.tflite cat.bmp imagenet_labels.txt
#include <algorithm>
#include <cstring>
#include <cstdio>
#include <string>
#include <vector>

#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

#include "flatnn/flatnn.hpp"

namespace {

// Bilinear resize with half-pixel centres on float values, then truncation (what the Coral tests do).
std::vector<uint8_t> resize(const uint8_t* px, int h, int w, int c, int oh, int ow) {
    std::vector<uint8_t> out(size_t(oh) * ow * c);
    const float sy = float(h) / oh, sx = float(w) / ow;
    for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
            const float fy = std::max(0.0f, (y + 0.5f) * sy - 0.5f), fx = std::max(0.0f, (x + 0.5f) * sx - 0.5f);
            const int y0 = int(fy), x0 = int(fx), y1 = std::min(y0 + 1, h - 1), x1 = std::min(x0 + 1, w - 1);
            const float dy = fy - y0, dx = fx - x0;
            for (int k = 0; k < c; ++k) {
                auto p = [&](int yy, int xx) { return float(px[(size_t(yy) * w + xx) * c + k]); };
                const float v = p(y0, x0) * (1 - dy) * (1 - dx) + p(y0, x1) * (1 - dy) * dx + p(y1, x0) * dy * (1 - dx) +
                                p(y1, x1) * dy * dx;
                out[(size_t(y) * ow + x) * c + k] = uint8_t(v);
            }
        }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) return std::fprintf(stderr, "usage: classify_image MODEL IMAGE [LABELS]\n"), 2;
    auto model = flatnn::model::from_file(argv[1]);
    if (!model) return std::fprintf(stderr, "%s\n", model.error().message().c_str()), 1;
    flatnn::interpreter interpreter(*model);
    if (auto s = interpreter.allocate(); !s) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;

    flatnn::tensor& input = interpreter.input(0);
    if (input.type != flatnn::dtype::uint8 || input.dims.rank() != 4)
        return std::fprintf(stderr, "this example expects a uint8 NHWC input\n"), 1;
    int w = 0, h = 0, c = 0;
    uint8_t* px = stbi_load(argv[2], &w, &h, &c, input.dims[3]);
    if (!px) return std::fprintf(stderr, "cannot read image %s: %s\n", argv[2], stbi_failure_reason()), 1;
    const auto pixels = resize(px, h, w, input.dims[3], input.dims[1], input.dims[2]);
    stbi_image_free(px);
    std::copy(pixels.begin(), pixels.end(), input.data_as<uint8_t>());

    if (auto s = interpreter.invoke(); !s) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;

    const flatnn::tensor& out = interpreter.output(0);
    std::vector<std::string> labels;
    if (argc > 3)
        if (std::FILE* f = std::fopen(argv[3], "r")) {
            char line[512];
            while (std::fgets(line, sizeof line, f)) labels.emplace_back(std::string(line, std::strcspn(line, "\r\n")));
            std::fclose(f);
        }
    std::vector<int> order(size_t(out.num_elements()));
    for (size_t i = 0; i < order.size(); ++i) order[i] = int(i);
    const auto* scores = out.data_as<uint8_t>();
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scores[a] > scores[b]; });
    for (int r = 0; r < 5 && r < int(order.size()); ++r) {
        const int k = order[size_t(r)];
        std::printf("%d %d %.4f %s\n", r + 1, k, out.scale() * float(scores[k] - out.zero_point()),
                    size_t(k) < labels.size() ? labels[size_t(k)].c_str() : "");
    }
    return 0;
}
