#pragma once
// flatnn inspect MODEL: subgraphs, tensors, ops with options, signatures and the memory plan.
#include <cstdio>
#include <string>

#include "flatnn/flatnn.hpp"
#include "flatnn/model/describe.hpp"
#include "flatnn/args.hpp"
#include "flatnn/backend_choice.hpp"
#include "flatnn/edgetpu_inspect.hpp"
#include "flatnn/op_table.hpp"

namespace flatnn::cli {

inline const char* inspect_usage =
    "usage: flatnn inspect MODEL\n"
    "       flatnn inspect --ops [--markdown]\n"
    "  Prints the model's subgraphs, tensors (index, name, dtype, shape, quantization), operators with their\n"
    "  options, signatures, Edge TPU packages, and the memory plan (arena bytes, which backend runs each node).\n"
    "  --backend cpu|reference|vulkan   backend to run on (default cpu)\n"
    "  --device D                Vulkan device: index or part of its name\n"
    "  --fp16                    Vulkan: float tensors stored as float16 on the device (float32 arithmetic)\n"
    "  --edgetpu                 predict which ops the Edge TPU compiler would map (and why not the others)\n"
    "  --ops                     the op coverage table: every op with kernels, its model forms (float32,\n"
    "                            int8, uint8) and the forms each backend accelerates; --markdown as in README\n";

inline std::string tensor_list(const std::vector<int32_t>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
    return s + "]";
}

inline int cmd_inspect(int argc, char** argv) {
    args a = parse_args(argc, argv, 2, {"--backend", "--device"}, {"--fp16", "--help", "-h", "--edgetpu", "--ops", "--markdown"});
    if (a.has_flag("--help")) return std::printf("%s", inspect_usage), 0;
    if (a.has_flag("--ops") && a.error.empty() && a.positional.empty())
        return std::printf("%s", op_table(a.has_flag("--markdown")).c_str()), 0;
    if (!a.error.empty() || a.positional.size() != 1)
        return std::fprintf(stderr, "%s%s", a.error.empty() ? "" : (a.error + "\n").c_str(), inspect_usage), 2;
    auto m = model::from_file(a.positional[0]);
    if (!m) return std::fprintf(stderr, "error: %s\n", m.error().message().c_str()), 1;
    std::printf("model: %s\nschema version: %u, %zu bytes, description: \"%.*s\"\n", a.positional[0].c_str(),
                m->version(), m->size(), int(m->description().size()), m->description().data());
    for (size_t s = 0; s < m->subgraph_count(); ++s) {
        const subgraph_info& g = m->subgraph(s);
        std::printf("\nsubgraph %zu \"%.*s\": %zu tensors, %zu operators, inputs %s, outputs %s\n", s,
                    int(g.name.size()), g.name.data(), g.tensors.size(), g.operators.size(),
                    tensor_list(g.inputs).c_str(), tensor_list(g.outputs).c_str());
        std::printf("  tensors:\n");
        for (size_t t = 0; t < g.tensors.size(); ++t) {
            const tensor_info& ti = g.tensors[t];
            std::printf("  %5zu %-9s %-18s %s%s %.*s\n", t, dtype_name(ti.type), ti.dims.str().c_str(),
                        ti.is_constant() ? "const " : (ti.is_variable ? "var " : ""),
                        describe_quantization(ti.quant).c_str(), int(ti.name.size()), ti.name.data());
        }
        std::printf("  operators:\n");
        for (size_t o = 0; o < g.operators.size(); ++o) {
            const operator_info& op = g.operators[o];
            std::string opts;
            if (op.options.valid() && op.options_type < schema::builtin_options_desc.count &&
                schema::builtin_options_desc.members[op.options_type])
                opts = describe_options(op.options, *schema::builtin_options_desc.members[op.options_type]);
            if (op.custom_options_size) opts += (opts.empty() ? "" : " ") + std::string("custom_options=") +
                                                std::to_string(op.custom_options_size) + " bytes";
            std::printf("  %5zu %-28s in %s out %s %s\n", o, op_name(op).c_str(), tensor_list(op.inputs).c_str(),
                        tensor_list(op.outputs).c_str(), opts.c_str());
        }
    }
    for (const auto& sig : m->signatures()) {
        std::printf("\nsignature \"%.*s\" (subgraph %u):", int(sig.key.size()), sig.key.data(), sig.subgraph);
        for (const auto& e : sig.inputs) std::printf(" in %.*s=%d", int(e.first.size()), e.first.data(), e.second);
        for (const auto& e : sig.outputs) std::printf(" out %.*s=%d", int(e.first.size()), e.first.data(), e.second);
        std::printf("\n");
    }
    print_edgetpu_nodes(*m);
    if (a.has_flag("--edgetpu")) print_edgetpu_mapping(*m);
    backend_choice backends;
    interpreter_options options;
    backends.vulkan_fp16 = a.has_flag("--fp16");
    if (!backends.apply(a.get("--backend", "cpu"), options, a.get("--device")))
        return std::fprintf(stderr, "error: %s\n", backends.error.c_str()), 2;
    interpreter it(*m, options);
    auto planned = it.plan();
    if (!planned) {
        std::printf("\nmemory plan: not available: %s\n", planned.error().message().c_str());
        return 0;
    }
    std::printf("\nmemory plan: arena %zu bytes for subgraph %zu\n", *planned, it.subgraph_index());
    if (it.callee_instances())
        std::printf("  called subgraphs (WHILE/IF/CALL_ONCE): %zu instances, their arenas %llu bytes in all\n",
                    it.callee_instances(), static_cast<unsigned long long>(it.callee_arena_bytes()));
    for (const node& n : it.nodes()) {
        std::printf("  node %3zu %-28s backend %s, output %s", n.index, n.name.c_str(), it.backends()[size_t(n.backend)].name,
                    n.outputs.empty() ? "-" : n.outputs[0]->dims.str().c_str());
        const std::string why = backends.why_not_preferred(n);
        std::printf(why.empty() ? "\n" : " (not %s: %s)\n", a.get("--backend").c_str(), why.c_str());
    }
    if (!backends.summary().empty()) std::printf("%s\n", backends.summary().c_str());
    return 0;
}

}  // namespace flatnn::cli
