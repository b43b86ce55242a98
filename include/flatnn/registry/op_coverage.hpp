#pragma once
// The op coverage table (`flatnn inspect --ops`, README): one row per entry of registry/op_list.hpp with the
// model forms its reference kernels cover. Backends say which forms they accelerate in their own tables.
#include <cstddef>
#include <cstdint>
#include <string>

#include "flatnn/model/tflite_schema_generated.hpp"
#include "flatnn/registry/op_list.hpp"

namespace flatnn {

// Model forms: float32, int8 full-integer (per-channel weights), uint8 legacy asymmetric, int16 activations
// with int8 weights (16x8), dynamic-range (int8 weights, float activations), float16 weights (DEQUANTIZE).
// The names are the "dtype" of tests/data/ops/manifest.json fixtures.
namespace op_form {
constexpr uint8_t f32 = 1, i8 = 2, u8 = 4, i16 = 8, hyb = 16, f16 = 32, all = f32 | i8 | u8;
inline constexpr const char* names[] = {"float32", "int8", "uint8", "int16x8", "hybrid", "float16"};
constexpr int count = 6;
}  // namespace op_form

struct op_coverage_row {
    const char* name;          // BuiltinOperator name
    schema::builtin_op code;
    uint8_t forms;             // op_form bits with reference kernels
};

struct op_coverage_table {
    const op_coverage_row* rows;
    size_t size;
};

inline op_coverage_table builtin_op_coverage() noexcept {
    using namespace op_form;
#define FLATNN_COVERAGE_ROW(NAME, stem, forms) {#NAME, schema::builtin_op::stem, uint8_t(forms)},
    static const op_coverage_row rows[] = {FLATNN_BUILTIN_OP_LIST(FLATNN_COVERAGE_ROW)};
#undef FLATNN_COVERAGE_ROW
    return {rows, sizeof(rows) / sizeof(rows[0])};
}

// "float32 int8" style list of the forms in a mask.
inline std::string op_form_list(uint8_t forms) {
    std::string s;
    for (int i = 0; i < op_form::count; ++i)
        if (forms & (1u << i)) s += (s.empty() ? "" : " ") + std::string(op_form::names[i]);
    return s;
}

}  // namespace flatnn
