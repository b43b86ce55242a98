// The Edge TPU mapping prediction (edgetpu.md §4) against the real compiler's partitions: for each CPU model with
// a compiled twin in ../shared, the ops predicted to stay on the CPU (uncertain ones counted as CPU) must be the
// ops the compiled file keeps around its Edge TPU node, in order.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "edgetpu/edgetpu_test_util.hpp"
#include "flatnn/edgetpu/mapping.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;

namespace {
std::vector<std::string> cpu_ops_of_compiled(const model& m) {
    std::vector<std::string> names;
    for (const operator_info& op : m.subgraph(0).operators)
        if (op.custom_code != et::custom_op_name) names.push_back(et::detail::op_name_of(op));
    return names;
}
}  // namespace

TEST_CASE("edgetpu mapping: predictions match the compiled DeepLab and PoseNet partitions") {
    if (!have_shared()) return;
    const char* pairs[][2] = {
        {"deeplabv3_mnv2_dm05_pascal_quant.tflite", "deeplabv3_mnv2_dm05_pascal_quant_edgetpu.tflite"},
        {"posenet/posenet_mobilenet_v1_075_353_481_16_quant_decoder.tflite",
         "posenet/posenet_mobilenet_v1_075_353_481_16_quant_decoder_edgetpu.tflite"},
        {"mobilenet_v1_0.25_128_quant.tflite", "mobilenet_v1_0.25_128_quant_edgetpu.tflite"},
    };
    for (const auto& p : pairs) {
        CAPTURE(p[0]);
        auto cpu = model::from_file(coral_dir() + "/" + p[0]);
        auto tpu = model::from_file(coral_dir() + "/" + p[1]);
        REQUIRE(cpu.is_ok());
        REQUIRE(tpu.is_ok());
        std::vector<std::string> predicted;
        for (const auto& o : et::predict_mapping(*cpu))
            if (!o.on_tpu()) predicted.push_back(o.name);
        CHECK(predicted == cpu_ops_of_compiled(*tpu));
    }
}

TEST_CASE("edgetpu mapping: reasons name the rule") {
    if (!have_shared()) return;
    auto deeplab = model::from_file(coral_dir() + "/deeplabv3_mnv2_dm05_pascal_quant.tflite");
    REQUIRE(deeplab.is_ok());
    const auto ops = et::predict_mapping(*deeplab);
    const auto& last = ops.back();
    CHECK(last.name == "ARG_MAX");
    CHECK(last.verdict == et::mapping_verdict::after_cut);
    bool saw_uncertain_resize = false;
    for (const auto& o : ops)
        if (o.name == "RESIZE_BILINEAR" && o.verdict == et::mapping_verdict::uncertain) saw_uncertain_resize = true;
    CHECK(saw_uncertain_resize);
    auto posenet = model::from_file(coral_dir() + "/posenet/posenet_mobilenet_v1_075_353_481_16_quant_decoder.tflite");
    REQUIRE(posenet.is_ok());
    const auto pops = et::predict_mapping(*posenet);
    CHECK(pops.back().name == "PosenetDecoderOp");
    CHECK(pops.back().reason.find("custom operators") != std::string::npos);
}
