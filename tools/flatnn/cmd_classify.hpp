#pragma once
// flatnn classify MODEL IMAGE [--labels FILE] [--top K]: one line per result, `<rank> <class> <score> <label>`.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "flatnn/args.hpp"
#include "flatnn/backend_choice.hpp"
#include "flatnn/flatnn.hpp"
#include "flatnn/image.hpp"
#include "flatnn/labels.hpp"

namespace flatnn::cli {

inline const char* classify_usage =
    "usage: flatnn classify MODEL IMAGE [--labels FILE] [--top K]\n"
    "  IMAGE is BMP, PNG or JPEG. It is resized to the model input with bilinear interpolation (half-pixel\n"
    "  centres) and truncated to uint8, as the Coral test suites do. uint8 models take the pixels as they are,\n"
    "  int8 models pixels - 128, float models (pixel - 127.5) / 127.5. Prints `<rank> <class index> <score> <label>`\n"
    "  for the K best classes (default 3); scores are dequantized.\n"
    "  --backend cpu|reference|vulkan   backend to run on (default cpu)\n"
    "  --device D                Vulkan device: index or part of its name\n"
    "  --fp16                    Vulkan: float tensors stored as float16 on the device (float32 arithmetic)\n";

inline int cmd_classify(int argc, char** argv) {
    args a = parse_args(argc, argv, 2, {"--labels", "--top", "--backend", "--device"}, {"--fp16", "--help", "-h"});
    if (a.has_flag("--help")) return std::printf("%s", classify_usage), 0;
    if (!a.error.empty() || a.positional.size() != 2)
        return std::fprintf(stderr, "%s%s", a.error.empty() ? "" : (a.error + "\n").c_str(), classify_usage), 2;
    const int top = std::atoi(a.get("--top", "3").c_str());
    if (top <= 0) return std::fprintf(stderr, "error: --top must be a positive integer\n%s", classify_usage), 2;
    auto m = model::from_file(a.positional[0]);
    if (!m) return std::fprintf(stderr, "error: %s\n", m.error().message().c_str()), 1;
    backend_choice backends;
    interpreter_options options;
    backends.vulkan_fp16 = a.has_flag("--fp16");
    if (!backends.apply(a.get("--backend", "cpu"), options, a.get("--device")))
        return std::fprintf(stderr, "error: %s\n", backends.error.c_str()), 2;
    interpreter it(*m, options);
    if (it.input_count() != 1) return std::fprintf(stderr, "error: classify needs a model with one input\n"), 1;
    status s = it.allocate();
    if (!s) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    tensor& in = it.input(0);
    if (in.dims.rank() != 4) return std::fprintf(stderr, "error: input shape %s is not NHWC\n", in.dims.str().c_str()), 1;
    auto img = tools::load_image(a.positional[1]);
    if (!img) return std::fprintf(stderr, "error: %s\n", img.error().message().c_str()), 1;
    auto resized = tools::prepare_input(*img, in.dims[1], in.dims[2], in.dims[3]);
    if (!resized) return std::fprintf(stderr, "error: %s\n", resized.error().message().c_str()), 1;
    const std::vector<uint8_t>& px = resized->pixels;
    if (int64_t(px.size()) != in.num_elements() / in.dims[0])
        return std::fprintf(stderr, "error: batch input %s not supported\n", in.dims.str().c_str()), 1;
    switch (in.type) {
        case dtype::uint8: std::memcpy(in.data, px.data(), px.size()); break;
        case dtype::int8:
            for (size_t i = 0; i < px.size(); ++i) in.data_as<int8_t>()[i] = int8_t(int(px[i]) - 128);
            break;
        case dtype::float32: {
            auto f = tools::to_float_input(*resized);
            std::memcpy(in.data, f.data(), f.size() * sizeof(float));
            break;
        }
        default: return std::fprintf(stderr, "error: input type %s not supported\n", dtype_name(in.type)), 1;
    }
    s = it.invoke();
    if (!s) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    const tensor& out = it.output(0);
    const size_t n = size_t(out.num_elements());
    std::vector<float> scores(n);
    for (size_t i = 0; i < n; ++i) {
        switch (out.type) {
            case dtype::uint8: scores[i] = out.scale() * float(int(out.data_as<uint8_t>()[i]) - out.zero_point()); break;
            case dtype::int8: scores[i] = out.scale() * float(int(out.data_as<int8_t>()[i]) - out.zero_point()); break;
            case dtype::float32: scores[i] = out.data_as<float>()[i]; break;
            default: return std::fprintf(stderr, "error: output type %s not supported\n", dtype_name(out.type)), 1;
        }
        if (out.type != dtype::float32 && !out.quantized()) scores[i] = float(out.type == dtype::uint8 ? out.data_as<uint8_t>()[i] : out.data_as<int8_t>()[i]);
    }
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    const size_t k = std::min(n, size_t(top));
    std::partial_sort(order.begin(), order.begin() + long(k), order.end(), [&](size_t x, size_t y) {
        return scores[x] != scores[y] ? scores[x] > scores[y] : x < y;
    });
    std::vector<std::string> labels;
    if (!a.get("--labels").empty()) {
        auto l = tools::load_labels(a.get("--labels"));
        if (!l) return std::fprintf(stderr, "error: %s\n", l.error().message().c_str()), 1;
        labels = tools::label_lookup(*l, n);
    }
    for (size_t r = 0; r < k; ++r)
        std::printf("%zu %zu %.6f %s\n", r + 1, order[r], double(scores[order[r]]),
                    order[r] < labels.size() ? labels[order[r]].c_str() : "");
    return 0;
}

}  // namespace flatnn::cli
