#pragma once
// FULLY_CONNECTED on Vulkan: float32, and uint8/int8 where the device has shaderFloat64 (TFLite's reference
// kernel rescales in double precision; the shader does the same): shaders/fully_connected.comp.
#include <cstring>
#include <vector>

#include "flatnn/ops/fully_connected.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_fully_connected(const node& n, const device_caps& caps) {
    if (n.inputs.size() < 2 || !n.has_input(0) || !n.has_input(1)) return "needs an input and weights";
    if (auto p = dtype_problem(n.in(0), caps, true, "input"); !p.empty()) return p;
    if (n.in(1).type != n.in(0).type) return "weight type differs from the input's (hybrid runs on the CPU)";
    if (is_q8(n.in(0).type) && !caps.float64)
        return "the device has no shaderFloat64 (the quantized kernel rescales in double precision)";
    return {};
}

inline status record_fully_connected(const node& n, plan_builder& b) {
    const auto& p = n.get<ops::fully_connected_data>().p;
    const bool q8 = is_q8(n.in(0).type);
    const size_t es = b.elem_size(n.in(0).type);
    spec_values s;
    push_values v{};
    v[7] = -1;
    if (q8) {
        s[10] = p.q.input_offset, s[11] = p.q.filter_offset, s[12] = p.q.output_zero_point;
        s[13] = p.q.act_min, s[14] = p.q.act_max, s[15] = n.in(0).type == dtype::int8 ? 1 : 0;
        std::vector<int32_t> words(2 * p.scale.size());
        if (!p.scale.empty()) std::memcpy(words.data(), p.scale.data(), words.size() * 4);  // little-endian pairs
        v[7] = b.add_i32(words);
    } else {
        s.set_float(0, p.act_min);
        s.set_float(1, p.act_max);
    }
    v[0] = b.at(n.in(0), es), v[1] = b.at(n.in(1), es), v[2] = b.at_or_none(n, 2), v[3] = b.at(n.out(0), es);
    v[4] = p.input_size, v[5] = p.units;
    FLATNN_TRY(count32(n, int64_t(p.batches) * p.units, v[6]));
    const shader_id id = b.variant(n.in(0).type, shader_id::fully_connected_q8, shader_id::fully_connected_f32,
                                   shader_id::fully_connected_f16);
    return b.dispatch(n, id, s, v, v[6]);
}

}  // namespace flatnn::vulkan
