#pragma once
// `flatnn inspect` for Edge TPU nodes: the package inside each `edgetpu-custom-op` (executables, sizes, caching
// token, layers with their numerics, the DMA hint script) and whether its parameters stay cached on the device
// or are streamed on every run.
#include <cinttypes>
#include <cstdio>
#include <string>

#include "flatnn/edgetpu/mapping.hpp"
#include "flatnn/edgetpu/package.hpp"
#include "flatnn/flatnn.hpp"

namespace flatnn::cli {

inline std::string edgetpu_hint_script(const edgetpu::executable& e) {
    std::string s;
    for (const auto& h : e.hints) {
        if (!s.empty()) s += ", ";
        switch (h.kind) {
            case edgetpu::hint_kind::instruction: s += "instructions[" + std::to_string(h.chunk) + "]"; break;
            case edgetpu::hint_kind::interrupt: s += "interrupt " + std::to_string(h.interrupt); break;
            case edgetpu::hint_kind::fence: s += "fence"; break;
            case edgetpu::hint_kind::dma:
                s += h.desc == edgetpu::description::base_address_parameter ? "parameters"
                     : std::string(h.dir == edgetpu::direction::infeed ? "in '" : "out '") + std::string(h.name) + "'";
                s += " " + std::to_string(h.offset) + "+" + std::to_string(h.size);
        }
    }
    return s;
}

inline void print_edgetpu_layer(const char* kind, const edgetpu::layer& l) {
    std::printf("      %s '%.*s': %dx%dx%d %s, %zu bytes (%u padded%s), zero point %d, scale %g\n", kind,
                int(l.name.size()), l.name.data(), l.y, l.x, l.z, edgetpu::data_type_name(l.type), l.unpadded_bytes(),
                l.size_bytes,
                l.layout.empty() ? "" : (", " + std::to_string(l.layout.tile_byte_offset.size()) + " tiles").c_str(),
                l.zero_point, double(l.scale));
}

// Prints every Edge TPU node of the model; returns false when a package does not parse (after printing why).
inline bool print_edgetpu_nodes(const model& m) {
    bool ok = true;
    for (size_t s = 0; s < m.subgraph_count(); ++s) {
        const subgraph_info& g = m.subgraph(s);
        for (size_t o = 0; o < g.operators.size(); ++o) {
            const operator_info& op = g.operators[o];
            if (op.custom_code != edgetpu::custom_op_name) continue;
            std::printf("\nedge tpu node: subgraph %zu op %zu\n", s, o);
            auto p = edgetpu::parse_custom_options(op.custom_options, op.custom_options_size);
            if (!p) {
                std::printf("  error: %s\n", p.error().message().c_str());
                ok = false;
                continue;
            }
            std::string chips;
            for (int64_t c : p->chips) chips += (chips.empty() ? "" : ",") + std::to_string(c);
            std::printf("  package: %zu bytes, identifier %s, min runtime version %d, compiler \"%.*s\", options "
                        "version %" PRId64 ", execution preference %" PRId64 ", chips [%s]\n",
                        p->bytes.size(), p->identifier_ok ? "DWN1" : "(not DWN1)", p->min_runtime_version,
                        int(p->compiler_version.size()), p->compiler_version.data(), p->options_version,
                        p->execution_preference, chips.c_str());
            for (const std::string& w : p->warnings) std::printf("  warning: %s\n", w.c_str());
            for (size_t i = 0; i < p->executables.size(); ++i) {
                const edgetpu::executable& e = p->executables[i];
                size_t instr = 0, fields = 0;
                for (const auto& c : e.chunks) instr += c.size, fields += c.fields.size();
                const char* role = int(i) == p->main ? " (runs the inference)"
                                   : int(i) == p->caching ? " (uploads the cached parameters)" : " (unused)";
                std::printf("  executable %zu: %s \"%.*s\"%s\n", i, edgetpu::executable_type_name(e.type),
                            int(e.name.size()), e.name.data(), role);
                std::printf("    chip %.*s, token %016" PRIx64 ", instructions %zu bytes in %zu chunk(s) with %zu "
                            "linked fields, parameters %zu bytes, narrow memory %d bytes/tile, scratch %d bytes\n",
                            int(e.chip.size()), e.chip.data(), e.token, instr, e.chunks.size(), fields,
                            e.parameter_bytes, e.narrow_bytes_per_tile, e.scratch_bytes);
                std::printf("    DMA hints%s: %s\n", e.fully_deterministic ? "" : " (not fully deterministic)",
                            edgetpu_hint_script(e).c_str());
                for (const auto& l : e.inputs) print_edgetpu_layer("input ", l);
                for (const auto& l : e.outputs) print_edgetpu_layer("output", l);
            }
            const edgetpu::executable& main = p->main_executable();
            const edgetpu::executable* pc = p->caching_executable();
            std::printf("  parameters: %zu bytes cached on the device (sent on the first run, and again only after "
                        "a model with another token ran), %zu bytes streamed on every run\n",
                        pc ? pc->parameter_bytes : size_t(0), main.parameter_bytes);
        }
    }
    return ok;
}

// `inspect --edgetpu`: which ops the Edge TPU compiler would map, and why not the others (a prediction).
inline void print_edgetpu_mapping(const model& m) {
    const auto ops = edgetpu::predict_mapping(m);
    size_t tpu = 0, uncertain = 0;
    for (const auto& o : ops) tpu += o.on_tpu(), uncertain += o.verdict == edgetpu::mapping_verdict::uncertain;
    std::printf("\nedge tpu mapping prediction (subgraph 0; the compiler has the final say): %zu of %zu ops on the "
                "Edge TPU, %zu uncertain (counted as CPU)\n", tpu, ops.size(), uncertain);
    if (m.subgraph_count() > 1) std::printf("  More than one subgraph is not supported: only subgraph 0 is analysed\n");
    for (const auto& o : ops)
        std::printf("  %5zu %-28s %-9s %s\n", o.index, o.name.c_str(), edgetpu::mapping_verdict_name(o.verdict),
                    o.reason.c_str());
}

}  // namespace flatnn::cli
