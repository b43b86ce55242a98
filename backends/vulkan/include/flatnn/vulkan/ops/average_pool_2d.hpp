#pragma once
// AVERAGE_POOL_2D on Vulkan: shaders/average_pool_2d.comp.
#include "flatnn/ops/average_pool_2d.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_average_pool_2d(const node& n, const device_caps& caps) {
    if (!n.has_input(0)) return "needs an input";
    return dtype_problem(n.in(0), caps, true, "input");
}

inline status record_average_pool_2d(const node& n, plan_builder& b) {
    const auto& p = n.get<ops::average_pool_2d_data>().p;
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    const bool q8 = is_q8(in.type);
    const size_t es = b.elem_size(in.type);
    spec_values s;
    s[0] = p.stride_h, s[1] = p.stride_w, s[2] = p.filter_h, s[3] = p.filter_w, s[4] = p.pad_h, s[5] = p.pad_w;
    if (q8) {
        s[13] = p.q_act_min, s[14] = p.q_act_max, s[15] = in.type == dtype::int8 ? 1 : 0;
    } else {
        s.set_float(0, p.act_min);
        s.set_float(1, p.act_max);
    }
    push_values v{};
    v[0] = b.at(in, es), v[1] = b.at(out, es);
    v[2] = in.dims[1], v[3] = in.dims[2], v[4] = in.dims[3], v[5] = out.dims[1], v[6] = out.dims[2];
    s[17] = in.dims[3], s[18] = out.dims[2], s[19] = out.dims[1];
    FLATNN_TRY(count32(n, out.num_elements(), v[7]));
    const shader_id id = b.variant(in.type, shader_id::average_pool_2d_q8, shader_id::average_pool_2d_f32,
                                   shader_id::average_pool_2d_f16);
    return b.dispatch(n, id, s, v, v[7]);
}

}  // namespace flatnn::vulkan
