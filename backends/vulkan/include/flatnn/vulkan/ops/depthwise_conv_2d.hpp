#pragma once
// DEPTHWISE_CONV_2D on Vulkan: shaders/depthwise_conv_2d.comp.
#include "flatnn/ops/depthwise_conv_2d.hpp"
#include "flatnn/vulkan/ops/conv_2d.hpp"

namespace flatnn::vulkan {

inline std::string why_not_depthwise_conv_2d(const node& n, const device_caps& caps) { return why_not_conv_2d(n, caps); }

inline status record_depthwise_conv_2d(const node& n, plan_builder& b) {
    const auto& p = n.get<ops::depthwise_conv_2d_data>().p;
    const tensor& in = n.in(0);
    const tensor& w = n.in(1);
    const tensor& out = n.out(0);
    const bool q8 = is_q8(in.type);
    const size_t es = b.elem_size(in.type);
    spec_values s;
    s[0] = p.stride_h, s[1] = p.stride_w, s[2] = p.dilation_h, s[3] = p.dilation_w, s[4] = p.pad_h, s[5] = p.pad_w;
    s[6] = w.dims[1], s[7] = w.dims[2], s[8] = p.depth_multiplier;
    push_values v{};
    v[0] = b.at(in, es), v[1] = b.at(w, es), v[2] = b.at_or_none(n, 2), v[3] = b.at(out, es);
    v[4] = v[5] = -1;
    if (q8) {
        conv_quant_spec(p.q, in.type, s);
        v[4] = b.add_i32(p.q.multiplier);
        v[5] = b.add_i32(std::vector<int32_t>(p.q.shift.begin(), p.q.shift.end()));
    } else {
        s.set_float(0, p.act_min);
        s.set_float(1, p.act_max);
    }
    v[6] = in.dims[1], v[7] = in.dims[2], v[8] = in.dims[3], v[9] = out.dims[1], v[10] = out.dims[2], v[11] = out.dims[3];
    s[17] = out.dims[3], s[18] = out.dims[2], s[19] = out.dims[1];
    FLATNN_TRY(count32(n, out.num_elements(), v[12]));
    const shader_id id = b.variant(in.type, shader_id::depthwise_conv_2d_q8, shader_id::depthwise_conv_2d_f32,
                                   shader_id::depthwise_conv_2d_f16);
    return b.dispatch(n, id, s, v, v[12]);
}

}  // namespace flatnn::vulkan
