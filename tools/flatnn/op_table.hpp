#pragma once
// `flatnn inspect --ops`: the op x form x backend table, built from registry/op_list.hpp and the backends'
// own tables. The README embeds the --markdown output (tests/registry/test_op_coverage.cpp keeps it current).
#include <string>

#include "flatnn/flatnn.hpp"
#ifdef FLATNN_WITH_VULKAN
#include "flatnn/vulkan/ops/registry.hpp"
#endif

namespace flatnn::cli {

inline std::string op_table(bool markdown) {
    auto mark = [](uint8_t forms, int i) { return (forms >> i) & 1u ? "x" : ""; };
    auto forms_or_dash = [](uint8_t forms) { return forms == 0 ? std::string("-") : op_form_list(forms); };
    const op_coverage_table t = builtin_op_coverage();
    std::string s;
    char line[256];
    if (markdown) {
        s += "| op | float32 | int8 | uint8 | CPU SIMD kernels | Vulkan shaders |\n";
        s += "|---|:-:|:-:|:-:|---|---|\n";
    } else {
        std::snprintf(line, sizeof line, "%-30s %-7s %-4s %-5s  %-22s %s\n", "op", "float32", "int8", "uint8",
                      "cpu simd", "vulkan");
        s += line;
    }
    for (size_t r = 0; r < t.size; ++r) {
        const op_coverage_row& row = t.rows[r];
        const std::string simd = forms_or_dash(cpu_backend::simd_forms(row.code));
#ifdef FLATNN_WITH_VULKAN
        const std::string gpu = forms_or_dash(vulkan::vulkan_op_forms(row.code));
#else
        const std::string gpu = "(not built)";
#endif
        if (markdown)
            std::snprintf(line, sizeof line, "| %s | %s | %s | %s | %s | %s |\n", row.name, mark(row.forms, 0),
                          mark(row.forms, 1), mark(row.forms, 2), simd.c_str(), gpu.c_str());
        else
            std::snprintf(line, sizeof line, "%-30s %-7s %-4s %-5s  %-22s %s\n", row.name, mark(row.forms, 0),
                          mark(row.forms, 1), mark(row.forms, 2), simd.c_str(), gpu.c_str());
        s += line;
    }
    std::snprintf(line, sizeof line, "\n%zu builtin ops with reference kernels", t.size);
    s += line;
#define FLATNN_COUNT_CUSTOM(NAME, stem) +1
    const int customs = 0 FLATNN_CUSTOM_OP_LIST(FLATNN_COUNT_CUSTOM);
#undef FLATNN_COUNT_CUSTOM
    std::string names;
#define FLATNN_NAME_CUSTOM(NAME, stem) names += (names.empty() ? "" : ", ") + std::string(markdown ? "`" NAME "`" : NAME);
    FLATNN_CUSTOM_OP_LIST(FLATNN_NAME_CUSTOM)
#undef FLATNN_NAME_CUSTOM
    std::snprintf(line, sizeof line, " and %d custom ops (", customs);
    s += line + names + ").\n";
    return s;
}

}  // namespace flatnn::cli
