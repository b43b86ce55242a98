#pragma once
// Plain C++ descriptions of a verified model's subgraphs, tensors and operators. Names and constant data point
// into the file bytes, which the model keeps alive.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "flatnn/core/dtype.hpp"
#include "flatnn/core/quantization.hpp"
#include "flatnn/core/shape.hpp"
#include "flatnn/model/fb_reader.hpp"

namespace flatnn {

struct tensor_info {
    std::string_view name;
    dtype type = dtype::float32;
    flatnn::shape dims;
    std::vector<int32_t> shape_signature;  // empty when static; -1 marks a dynamic dimension
    uint32_t buffer = 0;
    const uint8_t* data = nullptr;  // constant data, or nullptr
    size_t data_size = 0;
    bool is_variable = false;
    bool has_sparsity = false;
    quantization quant;

    bool is_constant() const noexcept { return data != nullptr; }
};

struct operator_info {
    int32_t code = 0;                // resolved BuiltinOperator value (32 = CUSTOM)
    std::string_view custom_code;    // for CUSTOM ops
    int32_t version = 1;
    uint32_t opcode_index = 0;
    std::vector<int32_t> inputs;     // -1 = optional input not given
    std::vector<int32_t> outputs;
    std::vector<int32_t> intermediates;
    uint8_t options_type = 0;        // BuiltinOptions tag
    fb::table options;               // invalid when absent
    uint8_t options2_type = 0;
    fb::table options2;
    const uint8_t* custom_options = nullptr;
    size_t custom_options_size = 0;
    uint32_t file_offset = 0;        // byte offset of the Operator table, for messages
};

struct subgraph_info {
    std::string_view name;
    std::vector<tensor_info> tensors;
    std::vector<int32_t> inputs;
    std::vector<int32_t> outputs;
    std::vector<operator_info> operators;
};

struct signature_info {
    std::string_view key;
    uint32_t subgraph = 0;
    std::vector<std::pair<std::string_view, int32_t>> inputs;
    std::vector<std::pair<std::string_view, int32_t>> outputs;
};

struct metadata_entry {
    std::string_view name;
    const uint8_t* data = nullptr;
    size_t size = 0;
};

}  // namespace flatnn
