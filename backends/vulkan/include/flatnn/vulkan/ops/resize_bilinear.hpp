#pragma once
// RESIZE_BILINEAR on Vulkan (float32, uint8, int8; align_corners and half_pixel_centers): shaders/resize_bilinear.comp.
// The scales are computed here with the reference functions, so the shader never divides.
#include "flatnn/ops/resize_bilinear.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_resize_bilinear(const node& n, const device_caps& caps) {
    if (!n.has_input(0)) return "needs an input";
    return dtype_problem(n.in(0), caps, true, "input");
}

inline status record_resize_bilinear(const node& n, plan_builder& b) {
    const auto& p = n.get<ops::resize_bilinear_data>().p;
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    const size_t es = b.elem_size(in.type);
    const int32_t H = in.dims[1], W = in.dims[2], OH = out.dims[1], OW = out.dims[2];
    spec_values s;
    s[0] = p.half_pixel_centers ? 1 : 0;
    s.set_float(0, reference::resize_scale_float(H, OH, p.align_corners));
    s.set_float(1, reference::resize_scale_float(W, OW, p.align_corners));
    s[1] = reference::resize_scale_10bit(H, OH, p.align_corners);
    s[2] = reference::resize_scale_10bit(W, OW, p.align_corners);
    s[15] = in.type == dtype::int8 ? 1 : 0;
    s[17] = in.dims[3], s[18] = OW, s[19] = OH;
    push_values v{};
    v[0] = b.at(in, es), v[1] = b.at(out, es), v[2] = H, v[3] = W;
    FLATNN_TRY(count32(n, out.num_elements(), v[4]));
    const shader_id id = b.variant(in.type, shader_id::resize_bilinear_q8, shader_id::resize_bilinear_f32,
                                   shader_id::resize_bilinear_f16);
    return b.dispatch(n, id, s, v, v[4]);
}

}  // namespace flatnn::vulkan
