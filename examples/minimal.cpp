// The smallest complete use of flatnn: load, allocate, fill the input, invoke, read the output.
#include <cstdio>
#include <cstring>

#include "flatnn/flatnn.hpp"

int main(int argc, char** argv) {
    if (argc != 2) return std::fprintf(stderr, "usage: minimal MODEL.tflite\n"), 2;
    auto model = flatnn::model::from_file(argv[1]);  // memory-mapped and verified
    if (!model) return std::fprintf(stderr, "%s\n", model.error().message().c_str()), 1;

    flatnn::interpreter interpreter(*model);  // one per thread; the model is shared
    if (auto s = interpreter.allocate(); !s) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;

    flatnn::tensor& input = interpreter.input(0);
    std::memset(input.data, 0, input.bytes);  // your data here

    if (auto s = interpreter.invoke(); !s) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;

    const flatnn::tensor& output = interpreter.output(0);
    std::printf("output 0: %s %s, %zu bytes, first byte %d\n", flatnn::dtype_name(output.type),
                output.dims.str().c_str(), output.bytes, output.bytes ? int(output.data[0]) : -1);
    return 0;
}
