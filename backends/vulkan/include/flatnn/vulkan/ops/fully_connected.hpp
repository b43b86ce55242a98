#pragma once
// FULLY_CONNECTED on Vulkan, float32 (TFLite's quantized kernel rescales in double precision; it stays on the
// CPU): shaders/fully_connected.comp.
#include "flatnn/ops/fully_connected.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_fully_connected(const node& n, const device_caps& caps) {
    if (n.inputs.size() < 2 || !n.has_input(0) || !n.has_input(1)) return "needs an input and weights";
    if (auto p = dtype_problem(n.in(0), caps, false, "input"); !p.empty()) return p;
    if (n.in(1).type != dtype::float32) return "weights are not float32";
    return {};
}

inline status record_fully_connected(const node& n, plan_builder& b) {
    const auto& p = n.get<ops::fully_connected_data>().p;
    spec_values s;
    s.set_float(0, p.act_min);
    s.set_float(1, p.act_max);
    push_values v{};
    v[0] = b.at(n.in(0), 4), v[1] = b.at(n.in(1), 4), v[2] = b.at_or_none(n, 2, 4), v[3] = b.at(n.out(0), 4);
    v[4] = p.input_size, v[5] = p.units;
    FLATNN_TRY(count32(n, int64_t(p.batches) * p.units, v[6]));
    return b.dispatch(n, shader_id::fully_connected_f32, s, v, v[6]);
}

}  // namespace flatnn::vulkan
