#pragma once
// Shared by the Edge TPU tests: the compiled models of ../shared and their Edge TPU node.
#include <string>
#include <vector>

#include "flatnn/edgetpu/edgetpu.hpp"
#include "flatnn/flatnn.hpp"
#include "support/shared.hpp"

namespace flatnn::test {

// Every *_edgetpu.tflite of the coral test data, relative to coral_dir().
inline const std::vector<std::string>& edgetpu_models() {
    static const std::vector<std::string> names = {
        "mobilenet_v1_0.25_128_quant_edgetpu.tflite",
        "mobilenet_v1_0.5_160_quant_edgetpu.tflite",
        "mobilenet_v1_0.75_192_quant_edgetpu.tflite",
        "deeplabv3_mnv2_dm05_pascal_quant_edgetpu.tflite",
        "cocompilation/mobilenet_v1_0.25_128_quant_cocompiled_with_mobilenet_v1_0.5_160_quant_edgetpu.tflite",
        "cocompilation/mobilenet_v1_0.5_160_quant_cocompiled_with_mobilenet_v1_0.25_128_quant_edgetpu.tflite",
        "pipeline/ssd_mobilenet_v2_coco_quant_postprocess_segment_0_of_2_edgetpu.tflite",
        "pipeline/ssd_mobilenet_v2_coco_quant_postprocess_segment_1_of_2_edgetpu.tflite",
        "posenet/posenet_mobilenet_v1_075_353_481_16_quant_decoder_edgetpu.tflite",
        "tools/split_concat_edgetpu.tflite",
    };
    return names;
}

inline const operator_info* edgetpu_op(const model& m) {
    for (const operator_info& op : m.subgraph(0).operators)
        if (op.custom_code == edgetpu::custom_op_name) return &op;
    return nullptr;
}

// Loads a model and parses its Edge TPU node; fails the test on error.
struct loaded_edgetpu_model {
    result<model> m = status::error("not loaded");
    result<edgetpu::package> pkg = status::error("not parsed");
    explicit loaded_edgetpu_model(const std::string& relative) {
        m = model::from_file(coral_dir() + "/" + relative);
        REQUIRE_MESSAGE(m.is_ok(), m.error().message());
        const operator_info* op = edgetpu_op(*m);
        REQUIRE(op != nullptr);
        pkg = edgetpu::parse_custom_options(op->custom_options, op->custom_options_size);
        REQUIRE_MESSAGE(pkg.is_ok(), pkg.error().message());
    }
};

}  // namespace flatnn::test
