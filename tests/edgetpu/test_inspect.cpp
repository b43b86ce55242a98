// `flatnn inspect` on compiled models shows each Edge TPU node's package: executables and sizes, token, layers,
// hint script, and how much of the parameters is cached or streamed (values from edgetpu.md §1.3).
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "support/shared.hpp"

using namespace flatnn::test;

namespace {
std::string run_inspect(const std::string& model) {
    const std::string cmd = std::string(FLATNN_BINARY_DIR) + "/bin/flatnn inspect '" + model + "' 2>&1";
    std::string out;
    if (FILE* f = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
        ::pclose(f);
    }
    return out;
}
}  // namespace

TEST_CASE("edgetpu inspect: the CLI shows the package of each Edge TPU node") {
    if (!have_shared()) return;
    if (!path_exists(std::string(FLATNN_BINARY_DIR) + "/bin/flatnn")) {
        MESSAGE("SKIPPED: the flatnn command is not built");
        return;
    }
    const std::string out = run_inspect(coral_dir() + "/mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    CHECK(out.find("edge tpu node: subgraph 0 op 0") != std::string::npos);
    CHECK(out.find("min runtime version 12") != std::string::npos);
    CHECK(out.find("executable 0: EXECUTION_ONLY \"model\" (runs the inference)") != std::string::npos);
    CHECK(out.find("executable 1: PARAMETER_CACHING \"Unknown\" (uploads the cached parameters)") != std::string::npos);
    CHECK(out.find("token 6d146c3f97d6648c, instructions 170032 bytes") != std::string::npos);
    CHECK(out.find("DMA hints: instructions[0], in 'input' 0+49152, out 'MobilenetV1/Predictions/Reshape_1' 0+1008, "
                   "interrupt 0") != std::string::npos);
    CHECK(out.find("input  'input': 128x128x3 FIXED_POINT8, 49152 bytes (49152 padded), zero point 128, scale "
                   "0.0078125") != std::string::npos);
    CHECK(out.find("1x1x1001 FIXED_POINT8, 1001 bytes (1008 padded, 16 tiles)") != std::string::npos);
    CHECK(out.find("parameters: 566912 bytes cached on the device") != std::string::npos);
    CHECK(out.find("0 bytes streamed on every run") != std::string::npos);
    CHECK(out.find("without `_edgetpu`") != std::string::npos);  // the memory plan says why it cannot run here
}
