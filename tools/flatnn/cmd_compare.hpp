#pragma once
// flatnn compare MODEL --backends reference,cpu,vulkan: runs the model on each backend with the same inputs and
// compares every tensor it computes with the first backend's; names the first tensor (in execution order) where
// they diverge. Exit status 0 when all agree, 1 on divergence, 2 on a usage or run error.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "flatnn/args.hpp"
#include "flatnn/backend_choice.hpp"
#include "flatnn/compare.hpp"
#include "flatnn/flatnn.hpp"
#include "flatnn/inputs.hpp"

namespace flatnn::cli {

inline const char* compare_usage =
    "usage: flatnn compare MODEL [--backends reference,cpu,vulkan] [--input a.npy ...] [--seed S | --zero-inputs]\n"
    "                            [--atol X] [--rtol X] [--device D] [--all] [--json]\n"
    "  Runs the model on each backend with the same inputs, keeping every intermediate tensor, and compares each\n"
    "  tensor with the first backend's. Prints the largest difference per tensor (real value; and in quantized\n"
    "  steps for integer tensors) and the first tensor, in execution order, where a backend diverges.\n"
    "  --backends LIST           comma-separated, at least two of cpu, reference, vulkan (default reference,cpu)\n"
    "  --input a.npy             model inputs in order (default: seeded random inputs)\n"
    "  --seed S                  seed of the random inputs (default 42)\n"
    "  --zero-inputs             all-zero input bytes instead of random ones\n"
    "  --atol X                  integer tensors: allowed difference in steps (default 0); float tensors: absolute\n"
    "                            part of the bound |x - x0| <= atol + rtol |x0| (default 1e-4)\n"
    "  --rtol X                  float tensors: relative part of the bound (default 1e-4)\n"
    "  --device D                Vulkan device: index or part of its name\n"
    "  --fp16                    Vulkan: float tensors stored as float16 on the device (float32 arithmetic)\n"
    "  --all                     list every tensor (default: the differing ones and the first divergence)\n"
    "  --json                    one JSON object instead of text\n"
    "  Exit status: 0 when every tensor agrees within the tolerance, 1 on divergence, 2 on errors.\n";

inline std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    size_t begin = 0;
    while (begin <= s.size()) {
        const size_t end = s.find(',', begin);
        const std::string part = s.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
        if (!part.empty()) out.push_back(part);
        if (end == std::string::npos) break;
        begin = end + 1;
    }
    return out;
}

inline std::string json_number(double v) {
    if (std::isinf(v)) return "\"inf\"";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

inline std::string json_quote(const std::string& s) {
    std::string r = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') r += '\\', r += c;
        else if (static_cast<unsigned char>(c) < 0x20) r += ' ';
        else r += c;
    }
    return r + "\"";
}

inline void print_compare_json(const std::string& model_path, const compare_report& r, const compare_tolerance& tol) {
    std::printf("{\"model\":%s,\"backends\":[", json_quote(model_path).c_str());
    for (size_t k = 0; k < r.labels.size(); ++k) std::printf("%s%s", k ? "," : "", json_quote(r.labels[k]).c_str());
    std::printf("],\"placement\":[");
    for (size_t k = 0; k < r.placement.size(); ++k) std::printf("%s%s", k ? "," : "", json_quote(r.placement[k]).c_str());
    std::printf("],\"atol_int\":%s,\"atol_float\":%s,\"rtol_float\":%s,\"tensors\":[", json_number(tol.atol_int).c_str(),
                json_number(tol.atol_float).c_str(), json_number(tol.rtol_float).c_str());
    for (size_t i = 0; i < r.tensors.size(); ++i) {
        const auto& t = r.tensors[i];
        std::printf("%s{\"index\":%zu,\"name\":%s,\"type\":\"%s\",\"shape\":%s,\"node\":%d,\"op\":%s,\"max_abs\":[", i ? "," : "",
                    t.tensor, json_quote(t.name).c_str(), dtype_name(t.type), json_quote(t.shape).c_str(), t.node,
                    json_quote(t.op).c_str());
        for (size_t k = 0; k < t.max_abs.size(); ++k) std::printf("%s%s", k ? "," : "", json_number(t.max_abs[k]).c_str());
        std::printf("],\"max_steps\":[");
        for (size_t k = 0; k < t.max_steps.size(); ++k) std::printf("%s%lld", k ? "," : "", (long long)t.max_steps[k]);
        std::printf("],\"differing\":[");
        for (size_t k = 0; k < t.differing.size(); ++k) std::printf("%s%lld", k ? "," : "", (long long)t.differing[k]);
        std::printf("],\"diverged\":%s}", t.any_diverged() ? "true" : "false");
    }
    std::printf("],\"first_divergence\":");
    if (r.first_divergence < 0) {
        std::printf("null}\n");
        return;
    }
    const auto& t = r.tensors[size_t(r.first_divergence)];
    std::printf("{\"tensor\":%zu,\"name\":%s,\"node\":%d,\"op\":%s,\"backend\":%s}}\n", t.tensor, json_quote(t.name).c_str(),
                t.node, json_quote(t.op).c_str(), json_quote(r.labels[size_t(r.first_divergence_config)]).c_str());
}

inline void print_compare_text(const compare_report& r, bool all) {
    for (size_t k = 0; k < r.labels.size(); ++k) std::printf("%-10s %s\n", r.labels[k].c_str(), r.placement[k].c_str());
    std::printf("\nlargest |difference| from %s (real value; steps for integer tensors)\n", r.labels[0].c_str());
    std::printf("%6s %5s  %-18s %-8s %-16s", "tensor", "node", "op", "type", "shape");
    for (size_t k = 1; k < r.labels.size(); ++k) std::printf(" %22s", r.labels[k].c_str());
    std::printf("  name\n");
    size_t shown = 0, agreeing = 0;
    for (size_t i = 0; i < r.tensors.size(); ++i) {
        const auto& t = r.tensors[i];
        bool differs = false;
        for (auto d : t.differing) differs |= d != 0;
        if (!differs) ++agreeing;
        if (!all && !differs && int(i) != r.first_divergence) continue;
        ++shown;
        std::printf("%6zu %5d  %-18s %-8s %-16s", t.tensor, t.node, t.op.c_str(), dtype_name(t.type), t.shape.c_str());
        for (size_t k = 0; k < t.max_abs.size(); ++k) {
            char cell[64];
            if (t.differing[k] < 0) std::snprintf(cell, sizeof cell, "shape differs");
            else if (compare_detail::is_integer(t.type))
                std::snprintf(cell, sizeof cell, "%.4g (%lld steps)%s", t.max_abs[k], (long long)t.max_steps[k],
                              t.diverged[k] ? "!" : "");
            else std::snprintf(cell, sizeof cell, "%.4g%s", t.max_abs[k], t.diverged[k] ? "!" : "");
            std::printf(" %22s", cell);
        }
        std::printf("  %s\n", t.name.c_str());
    }
    if (!shown) std::printf("(no tensor differs)\n");
    std::printf("\n%zu tensors compared, %zu identical on every backend\n", r.tensors.size(), agreeing);
    if (r.first_divergence < 0) {
        std::printf("no divergence beyond the tolerance\n");
        return;
    }
    const auto& t = r.tensors[size_t(r.first_divergence)];
    std::printf("FIRST DIVERGENCE: tensor %zu '%s' (%s, output of node %d %s) on %s\n", t.tensor, t.name.c_str(),
                dtype_name(t.type), t.node, t.op.c_str(), r.labels[size_t(r.first_divergence_config)].c_str());
}

inline int cmd_compare(int argc, char** argv) {
    args a = parse_args(argc, argv, 2, {"--backends", "--input", "--seed", "--atol", "--rtol", "--device"},
                        {"--fp16", "--help", "-h", "--zero-inputs", "--all", "--json"});
    if (a.has_flag("--help") || a.has_flag("-h")) return std::printf("%s", compare_usage), 0;
    if (!a.error.empty() || a.positional.size() != 1)
        return std::fprintf(stderr, "%s%s", a.error.empty() ? "" : (a.error + "\n").c_str(), compare_usage), 2;
    const std::vector<std::string> names = split_commas(a.get("--backends", "reference,cpu"));
    if (names.size() < 2) return std::fprintf(stderr, "error: --backends needs at least two backends\n"), 2;
    compare_tolerance tol;
    char* end = nullptr;
    if (!a.get("--atol").empty()) {
        const double v = std::strtod(a.get("--atol").c_str(), &end);
        if (*end || !(v >= 0)) return std::fprintf(stderr, "error: --atol must be a number >= 0\n"), 2;
        tol.atol_int = v, tol.atol_float = v;
    }
    if (!a.get("--rtol").empty()) {
        tol.rtol_float = std::strtod(a.get("--rtol").c_str(), &end);
        if (*end || !(tol.rtol_float >= 0)) return std::fprintf(stderr, "error: --rtol must be a number >= 0\n"), 2;
    }
    model_inputs inputs;
    inputs.files = a.all("--input");
    inputs.seed = uint32_t(std::strtoul(a.get("--seed", "42").c_str(), nullptr, 10));
    inputs.zeros = a.has_flag("--zero-inputs");
    if (status s = inputs.load(); !s) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 2;

    auto m = model::from_file(a.positional[0]);
    if (!m) return std::fprintf(stderr, "error: %s\n", m.error().message().c_str()), 2;
    std::vector<std::unique_ptr<backend_choice>> choices;
    std::vector<compare_config> configs;
    for (const std::string& name : names) {
        choices.push_back(std::make_unique<backend_choice>());
        interpreter_options o;
        choices.back()->vulkan_fp16 = a.has_flag("--fp16");
        if (!choices.back()->apply(name, o, a.get("--device")))
            return std::fprintf(stderr, "error: %s\n", choices.back()->error.c_str()), 2;
        configs.push_back({name, o.backends});
    }
    auto report = compare_backends(*m, configs, inputs, tol);
    if (!report) return std::fprintf(stderr, "error: %s\n", report.error().message().c_str()), 2;
    if (a.has_flag("--json")) print_compare_json(a.positional[0], *report, tol);
    else print_compare_text(*report, a.has_flag("--all"));
    return report->first_divergence < 0 ? 0 : 1;
}

}  // namespace flatnn::cli
