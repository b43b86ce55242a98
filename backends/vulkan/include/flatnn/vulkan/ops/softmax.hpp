#pragma once
// SOFTMAX on Vulkan, float32 (the quantized table kernel stays on the CPU): shaders/softmax.comp.
#include "flatnn/ops/softmax.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_softmax(const node& n, const device_caps& caps) {
    if (!n.has_input(0)) return "needs an input";
    return dtype_problem(n.in(0), caps, false, "input");
}

inline status record_softmax(const node& n, plan_builder& b) {
    const auto& d = n.get<ops::softmax_data>();
    spec_values s;
    s.set_float(0, d.beta);
    push_values v{};
    v[0] = b.at(n.in(0), 4), v[1] = b.at(n.out(0), 4);
    FLATNN_TRY(count32(n, d.rows, v[2]));
    v[3] = d.depth;
    return b.dispatch(n, shader_id::softmax_f32, s, v, v[2]);
}

}  // namespace flatnn::vulkan
