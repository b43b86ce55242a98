#pragma once
// Helpers for the hostile-model tests: load or run a built model and return the error text, if any.
#include <cstdint>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"

namespace flatnn::test {

inline bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

inline std::string load_error(const std::vector<uint8_t>& bytes) {
    auto m = model::from_memory(bytes.data(), bytes.size());
    return m ? std::string() : m.error().message();
}

// "" when the model loads and allocates, else the first error.
inline std::string allocate_error(const std::vector<uint8_t>& bytes, interpreter_options options = {}) {
    auto m = model::from_memory(bytes.data(), bytes.size());
    if (!m) return m.error().message();
    interpreter it(*m, std::move(options));
    status s = it.allocate();
    return s ? std::string() : s.message();
}

// One op over float32 tensors: inputs 0..k-1 are graph inputs, the last tensor is the output.
inline tb_model one_op(int32_t code, std::vector<std::vector<int32_t>> in_shapes, std::vector<int32_t> out_shape,
                       int8_t type = 0) {
    tb_model m;
    m.opcodes = {{code, ""}};
    tb_op op;
    for (size_t i = 0; i < in_shapes.size(); ++i) {
        m.tensors.push_back(tt(in_shapes[i], type, 0, "in" + std::to_string(i)));
        m.inputs.push_back(int32_t(i));
        op.inputs.push_back(int32_t(i));
    }
    m.tensors.push_back(tt(out_shape, type, 0, "out"));
    m.outputs = {int32_t(in_shapes.size())};
    op.outputs = {int32_t(in_shapes.size())};
    m.ops = {op};
    return m;
}

inline void quantize_tensor(tb_tensor& t, float scale, int64_t zero_point) {
    t.scale = {scale};
    t.zero_point = {zero_point};
}

}  // namespace flatnn::test
