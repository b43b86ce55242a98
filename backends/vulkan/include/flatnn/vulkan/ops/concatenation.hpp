#pragma once
// CONCATENATION on Vulkan: one copy dispatch per input (shaders/concatenation.comp). 8-bit inputs must share
// the output's quantization (a rescaling concat stays on the CPU).
#include "flatnn/ops/concatenation.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_concatenation(const node& n, const device_caps& caps) {
    if (n.inputs.empty()) return "needs inputs";
    const tensor& out = n.out(0);
    for (size_t i = 0; i < n.inputs.size(); ++i) {
        if (!n.has_input(i)) return "omitted input";
        const tensor& t = n.in(i);
        if (t.type != out.type) return "input " + std::to_string(i) + " type differs from the output's";
        if (is_q8(t.type)) {
            if (!caps.storage_8bit) return "the device has no 8-bit storage buffer access (VK_KHR_8bit_storage)";
            if (t.scale() != out.scale() || t.zero_point() != out.zero_point())
                return "input " + std::to_string(i) + " needs rescaling (different quantization)";
        } else if (dtype_size(t.type) != 4) {
            return std::string("type ") + dtype_name(t.type) + " has no Vulkan kernel";
        }
    }
    return {};
}

inline status record_concatenation(const node& n, plan_builder& b) {
    const auto& d = n.get<ops::concatenation_data>();
    const tensor& out = n.out(0);
    const size_t es = b.elem_size(out.type);
    int64_t out_block = 0;
    for (const auto& ci : d.inputs) {
        if (ci.rescale) return n.fail("vulkan: internal error: a rescaling input was claimed");
        out_block += ci.block;
    }
    int64_t position = 0;
    for (size_t i = 0; i < d.inputs.size(); ++i) {
        push_values v{};
        v[0] = b.at(n.in(i), es), v[1] = b.at(out, es);
        FLATNN_TRY(count32(n, d.inputs[i].block, v[2]));
        FLATNN_TRY(count32(n, out_block, v[3]));
        FLATNN_TRY(count32(n, position, v[4]));
        FLATNN_TRY(count32(n, d.outer * d.inputs[i].block, v[5]));
        position += d.inputs[i].block;
        if (v[2] == 0) continue;
        const shader_id id = b.variant(out.type, shader_id::concatenation_q8, shader_id::concatenation_f32,
                                       shader_id::concatenation_f16);
        FLATNN_TRY(b.dispatch(n, id, spec_values{}, v, v[5]));
    }
    return status::ok();
}

}  // namespace flatnn::vulkan
