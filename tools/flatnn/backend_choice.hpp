#pragma once
// `--backend NAME` (and `--device D` for Vulkan) for the flatnn subcommands: which backends the interpreter
// tries before the reference one.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "flatnn/flatnn.hpp"
#ifdef FLATNN_WITH_VULKAN
#include "flatnn/vulkan/vulkan.hpp"
#endif

namespace flatnn::cli {

struct backend_choice {
    cpu_backend cpu;
#ifdef FLATNN_WITH_VULKAN
    std::unique_ptr<vulkan_backend> vulkan;
#endif
    std::string error;            // why apply() failed
    bool vulkan_profile = false;  // time every Vulkan dispatch with timestamp queries
    bool vulkan_fp16 = false;     // float16 storage of float tensors on the Vulkan device (--fp16)

    backend_choice() = default;
    explicit backend_choice(cpu_backend_options o) : cpu(o) {}

    // Fills options for `name` ("cpu", "reference" or "vulkan": Vulkan first, the CPU for the rest). `device`
    // picks the Vulkan device: an index, or a substring of its name; empty = the best kind present.
    bool apply(const std::string& name, interpreter_options& options, const std::string& device = {}) {
        options.backends.clear();
        if (name == "cpu") {
            options.backends.push_back(make_backend_ref(cpu));
            return true;
        }
        if (name == "reference") return true;
        if (name == "vulkan") {
#ifdef FLATNN_WITH_VULKAN
            vulkan_backend_options vo;
            vo.profile = vulkan_profile;
            vo.float16_storage = vulkan_fp16;
            if (!device.empty() && device.find_first_not_of("0123456789") == std::string::npos)
                vo.device.device_index = std::atoi(device.c_str());
            else
                vo.device.device_name = device;
            auto b = vulkan_backend::create(vo);
            if (!b) {
                error = b.error().message();
                return false;
            }
            vulkan = std::move(b.value());
            options.backends.push_back(make_backend_ref(*vulkan));
            options.backends.push_back(make_backend_ref(cpu));
            return true;
#else
            error = "this flatnn was built without the Vulkan backend (no Vulkan headers at build time)";
            return false;
#endif
        }
        error = "unknown backend '" + name + "'";
        return false;
    }

    // Why the preferred backend does not run node n (empty when it does, or when there is nothing to say).
    std::string why_not_preferred(const node& n) const {
#ifdef FLATNN_WITH_VULKAN
        if (vulkan && !vulkan->claims(n)) return vulkan->why_not(n);
#else
        (void)n;
#endif
        return {};
    }

    // Device time per Vulkan step (mean per invoke), when profiled.
    void print_vulkan_profile(const interpreter& it) const {
#ifdef FLATNN_WITH_VULKAN
        if (!vulkan) return;
        const auto& times = vulkan->step_times();
        const size_t runs = vulkan->profiled_invokes();
        if (times.empty() || !runs) {
            std::printf("\nvulkan: no device timestamps (the queue cannot write them)\n");
            return;
        }
        double total = 0;
        for (const auto& t : times) total += double(t.ns);
        std::printf("\nvulkan device time per step (mean of %zu invokes; %zu dispatches, %zu submit(s) per invoke)\n",
                    runs, vulkan->stats().dispatches, vulkan->stats().segments);
        std::printf("%5s  %-22s %-8s %9s %7s\n", "node", "op", "step", "ms", "share");
        for (const auto& t : times)
            std::printf("%5zu  %-22s %-8s %9.4f %6.1f%%\n", t.node, it.nodes()[t.node].name.c_str(),
                        t.dispatch ? "dispatch" : "copy", double(t.ns) / 1e6 / double(runs),
                        total > 0 ? 100.0 * double(t.ns) / total : 0.0);
        std::printf("total device time %.3f ms per invoke\n", total / 1e6 / double(runs));
#else
        (void)it;
#endif
    }

    // "vulkan: 1 submit, 29 dispatches, 1 copies per invoke" after allocate(), or empty.
    std::string summary() const {
#ifdef FLATNN_WITH_VULKAN
        if (vulkan) {
            const auto& s = vulkan->stats();
            return "vulkan device " + vulkan->context().description.name + ": " + std::to_string(s.nodes) +
                   " nodes, " + std::to_string(s.segments) + " submit(s), " + std::to_string(s.dispatches) +
                   " dispatches, " + std::to_string(s.copies) + " copies, " + std::to_string(s.uploads) + " uploads, " +
                   std::to_string(s.downloads) + " downloads per invoke";
        }
#endif
        return {};
    }
};

inline const char* backend_help =
    "  --backend cpu|reference|vulkan   backend to run on (default cpu; vulkan runs what it can, the CPU the rest)\n"
    "  --device D                 Vulkan device: index or part of its name (default: discrete > integrated > CPU)\n"
    "  --fp16                     Vulkan: store float tensors as float16 (float32 arithmetic; needs 16-bit storage)\n";

}  // namespace flatnn::cli
