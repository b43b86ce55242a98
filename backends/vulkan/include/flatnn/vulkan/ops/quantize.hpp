#pragma once
// QUANTIZE on Vulkan: uint8/int8 -> uint8/int8 requantization and float32 -> uint8/int8 with one scale
// (per-axis output and 16/32-bit types stay on the CPU): shaders/quantize.comp.
#include "flatnn/ops/quantize.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_quantize(const node& n, const device_caps& caps) {
    if (!n.has_input(0)) return "needs an input";
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    if (!is_q8(out.type)) return std::string("output type ") + dtype_name(out.type) + " has no Vulkan kernel (int8/uint8 only)";
    if (out.quant && out.quant->per_channel()) return "per-axis output quantization has no Vulkan kernel";
    if (caps.float16_storage && in.type == dtype::float32)
        return "float input under float16 storage (the shader reads float32, as TFLite's rounding needs)";
    if (std::string r = dtype_problem(in, caps, true, "input"); !r.empty()) return r;
    return dtype_problem(out, caps, true, "output");
}

inline status record_quantize(const node& n, plan_builder& b) {
    const auto& d = n.get<ops::quantize_data>();
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    spec_values s;
    s[0] = in.type == dtype::float32 ? 1 : 0;
    s[1] = d.rq.input_zero_point, s[2] = in.type == dtype::float32 ? out.zero_point() : d.rq.output_zero_point;
    s[3] = d.rq.multiplier, s[4] = d.rq.shift;
    s[13] = in.type == dtype::int8 ? 1 : 0;
    s[15] = out.type == dtype::int8 ? 1 : 0;
    s.set_float(0, out.scale());
    push_values v{};
    v[0] = b.at(in, b.elem_size(in.type)), v[1] = b.at(out, 1);
    FLATNN_TRY(count32(n, out.num_elements(), v[2]));
    return b.dispatch(n, shader_id::quantize_q8, s, v, v[2]);
}

}  // namespace flatnn::vulkan
