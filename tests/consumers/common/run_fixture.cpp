// What a consumer program does: load a model, fill its inputs, invoke, read its outputs. The fixture directory
// holds model.tflite, input_<i>.npy and expected_<i>.npy (TensorFlow Lite's outputs); integer outputs must be
// identical. Includes only the umbrella header, so it builds against include/, an installed package or the
// single header alike.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"

namespace {

// The data bytes of a .npy file (format 1.0, 2.0 or 3.0); empty when the file is missing or malformed.
std::vector<char> npy_data(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0) return {};
    const auto byte = [&](size_t i) { return size_t(static_cast<unsigned char>(bytes[i])); };
    const size_t header_end = bytes[6] == 1 ? 10 + (byte(8) | byte(9) << 8)
                                            : 12 + (byte(8) | byte(9) << 8 | byte(10) << 16 | byte(11) << 24);
    if (bytes.size() < 12 || header_end > bytes.size()) return {};
    return std::vector<char>(bytes.begin() + std::ptrdiff_t(header_end), bytes.end());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    auto model = flatnn::model::from_file(dir + "/model.tflite");
    if (!model) {
        std::fprintf(stderr, "load: %s\n", model.error().message().c_str());
        return 1;
    }
    flatnn::interpreter interpreter(*model);
    if (auto s = interpreter.allocate(); !s) {
        std::fprintf(stderr, "allocate: %s\n", s.message().c_str());
        return 1;
    }
    for (size_t i = 0; i < interpreter.input_count(); ++i) {
        const auto data = npy_data(dir + "/input_" + std::to_string(i) + ".npy");
        flatnn::tensor& in = interpreter.input(i);
        if (data.size() != in.bytes) {
            std::fprintf(stderr, "input %zu: %zu bytes in the .npy file, tensor has %zu\n", i, data.size(), in.bytes);
            return 1;
        }
        std::memcpy(in.data, data.data(), in.bytes);
    }
    if (auto s = interpreter.invoke(); !s) {
        std::fprintf(stderr, "invoke: %s\n", s.message().c_str());
        return 1;
    }
    for (size_t i = 0; i < interpreter.output_count(); ++i) {
        const auto expected = npy_data(dir + "/expected_" + std::to_string(i) + ".npy");
        const flatnn::tensor& out = interpreter.output(i);
        if (expected.size() != out.bytes || std::memcmp(expected.data(), out.data, out.bytes) != 0) {
            std::fprintf(stderr, "output %zu differs from TensorFlow Lite's\n", i);
            return 1;
        }
    }
    std::printf("flatnn %s: %zu output(s) identical to TensorFlow Lite's\n", FLATNN_VERSION_STRING,
                interpreter.output_count());
    return 0;
}
