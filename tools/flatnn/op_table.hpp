#pragma once
// `flatnn inspect --ops`: the op x form x backend table, built from registry/op_list.hpp and the backends'
// own tables. The README embeds the --markdown output (tests/registry/test_op_coverage.cpp keeps it current).
#include <cstdio>
#include <cstring>
#include <string>

#include "flatnn/flatnn.hpp"
#ifdef FLATNN_WITH_VULKAN
#include "flatnn/vulkan/ops/registry.hpp"
#endif

namespace flatnn::cli {

inline std::string op_table(bool markdown) {
    auto forms_or_dash = [](uint8_t forms) { return forms == 0 ? std::string("-") : op_form_list(forms); };
    // One column per model form (op_form::names), then the backends' accelerated forms.
    auto row_text = [&](const char* name, auto&& form_cell, const std::string& simd, const std::string& gpu) {
        std::string r;
        char cell[64];
        if (markdown) {
            r = "| " + std::string(name) + " |";
            for (int i = 0; i < op_form::count; ++i) r += " " + form_cell(i) + " |";
            return r + " " + simd + " | " + gpu + " |\n";
        }
        std::snprintf(cell, sizeof cell, "%-30s", name);
        r = cell;
        for (int i = 0; i < op_form::count; ++i) {
            std::snprintf(cell, sizeof cell, " %-*s", int(std::strlen(op_form::names[i])), form_cell(i).c_str());
            r += cell;
        }
        std::snprintf(cell, sizeof cell, "  %-22s ", simd.c_str());
        return r + cell + gpu + "\n";
    };
    const op_coverage_table t = builtin_op_coverage();
    std::string s = row_text("op", [](int i) { return std::string(op_form::names[i]); }, markdown ? "CPU SIMD kernels" : "cpu simd",
                             markdown ? "Vulkan shaders" : "vulkan");
    if (markdown) {
        s += "|---|";
        for (int i = 0; i < op_form::count; ++i) s += ":-:|";
        s += "---|---|\n";
    }
    for (size_t r = 0; r < t.size; ++r) {
        const op_coverage_row& row = t.rows[r];
        const std::string simd = forms_or_dash(cpu_backend::simd_forms(row.code));
#ifdef FLATNN_WITH_VULKAN
        const std::string gpu = forms_or_dash(vulkan::vulkan_op_forms(row.code));
#else
        const std::string gpu = "(not built)";
#endif
        s += row_text(row.name, [&](int i) { return std::string((row.forms >> i) & 1u ? "x" : ""); }, simd, gpu);
    }
    char line[256];
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
