#pragma once
// ARG_MAX on Vulkan (float32, uint8, int8 input; int32 or int64 output): shaders/arg_max.comp.
#include "flatnn/ops/arg_max.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_arg_max(const node& n, const device_caps& caps) {
    if (!n.has_input(0)) return "needs an input";
    const dtype o = n.out(0).type;
    if (o != dtype::int32 && o != dtype::int64) return std::string("output type ") + dtype_name(o) + " has no Vulkan kernel";
    return dtype_problem(n.in(0), caps, true, "input");
}

inline status record_arg_max(const node& n, plan_builder& b) {
    const auto& d = n.get<ops::arg_max_data>();
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    spec_values s;
    s[0] = out.type == dtype::int64 ? 1 : 0;
    s[15] = in.type == dtype::int8 ? 1 : 0;
    push_values v{};
    v[0] = b.at(in, b.elem_size(in.type)), v[1] = b.at(out, 4);
    FLATNN_TRY(count32(n, d.outer, v[2]));
    v[3] = d.axis_size;
    FLATNN_TRY(count32(n, d.inner, v[4]));
    FLATNN_TRY(count32(n, out.num_elements(), v[5]));
    if (d.axis_size <= 0 || v[4] == 0) return status::ok();  // nothing to index (the reference writes nothing)
    const shader_id id = b.variant(in.type, shader_id::arg_max_q8, shader_id::arg_max_f32, shader_id::arg_max_f16);
    return b.dispatch(n, id, s, v, v[5]);
}

}  // namespace flatnn::vulkan
