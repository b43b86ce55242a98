#pragma once
// ADD on Vulkan: shaders/add.comp, broadcasting over up to 4 axes.
#include "flatnn/ops/add.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_add(const node& n, const device_caps& caps) {
    if (n.inputs.size() != 2 || !n.has_input(0) || !n.has_input(1)) return "needs two inputs";
    if (auto p = dtype_problem(n.in(0), caps, true, "input"); !p.empty()) return p;
    if (n.in(1).type != n.in(0).type) return "inputs of different types";
    if (n.in(0).dims.rank() > 4 || n.in(1).dims.rank() > 4) return "broadcasting over more than 4 axes";
    return {};
}

inline status record_add(const node& n, plan_builder& b) {
    const auto& d = n.get<ops::add_data>();
    const tensor& a = n.in(0);
    const tensor& c = n.in(1);
    const tensor& out = n.out(0);
    const bool q8 = is_q8(a.type);
    const size_t es = b.elem_size(a.type);
    spec_values s;
    push_values v{};
    v[0] = b.at(a, es), v[1] = b.at(c, es), v[2] = b.at(out, es);
    FLATNN_TRY(count32(n, out.num_elements(), v[3]));
    for (int k = 0; k < 4; ++k) v[4 + k] = 1, v[8 + k] = 0, v[12 + k] = 0;
    if (d.bc.same_shape) {
        s[10] = 1;
        v[7] = v[3], v[11] = 1, v[15] = 1;
    } else {
        if (d.bc.rank > 4) return n.fail("vulkan: broadcasting over more than 4 axes");
        const int pad = 4 - d.bc.rank;
        for (int k = 0; k < d.bc.rank; ++k) {
            v[4 + pad + k] = d.bc.dims[k];
            v[8 + pad + k] = int32_t(d.bc.stride1[k]);
            v[12 + pad + k] = int32_t(d.bc.stride2[k]);
        }
    }
    if (q8) {
        const auto& q = d.q;
        s[0] = q.input1_offset, s[1] = q.input2_offset, s[2] = q.output_offset, s[3] = q.left_shift;
        s[4] = q.input1_multiplier, s[5] = q.input1_shift, s[6] = q.input2_multiplier, s[7] = q.input2_shift;
        s[8] = q.output_multiplier, s[9] = q.output_shift, s[13] = q.act_min, s[14] = q.act_max;
        s[15] = a.type == dtype::int8 ? 1 : 0;
    } else {
        s.set_float(0, d.act_min);
        s.set_float(1, d.act_max);
    }
    const shader_id id = b.variant(a.type, shader_id::add_q8, shader_id::add_f32, shader_id::add_f16);
    return b.dispatch(n, id, s, v, v[3]);
}

}  // namespace flatnn::vulkan
