#pragma once
// MEAN on Vulkan: shaders/mean.comp, inputs of rank <= 4, any axes.
#include "flatnn/ops/mean.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_mean(const node& n, const device_caps& caps) {
    if (!n.has_input(0)) return "needs an input";
    // Asked before prepare: the input's shape is known, the op's parameters are not.
    const tensor& in = n.in(0);
    if (in.dims.rank() > 4) return "input rank " + std::to_string(in.dims.rank()) + " > 4";
    if (in.num_elements() == 0) return "empty input (the CPU writes the defined result)";
    return dtype_problem(n.in(0), caps, true, "input");
}

inline status record_mean(const node& n, plan_builder& b) {
    const auto& p = n.get<ops::mean_data>().p;
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    const bool q8 = is_q8(in.type);
    const size_t es = b.elem_size(in.type);
    spec_values s;
    if (q8) s[0] = p.multiplier, s[1] = p.shift, s[2] = p.sum_offset, s[3] = p.out_offset, s[15] = in.type == dtype::int8;
    push_values v{};
    v[0] = b.at(in, es), v[1] = b.at(out, es);
    const int pad = 4 - p.rank;  // leading 1s
    for (int i = 0; i < 4; ++i) {
        const int a = i - pad;
        if (a < 0) {
            v[2 + i] = 1;
            continue;
        }
        FLATNN_TRY(count32(n, p.in_dims[a], v[2 + i]));
        if (p.out_stride[a] == 0 && p.in_dims[a] != 1) v[7] |= 1 << i;  // reduced (a reduced 1 changes nothing)
    }
    FLATNN_TRY(count32(n, p.out_size, v[6]));
    FLATNN_TRY(count32(n, p.count, v[8]));
    const shader_id id = b.variant(in.type, shader_id::mean_q8, shader_id::mean_f32, shader_id::mean_f16);
    return b.dispatch(n, id, s, v, v[6]);
}

}  // namespace flatnn::vulkan
