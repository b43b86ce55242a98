#pragma once
// SOFTMAX on Vulkan, float32 and uint8/int8 (the reference's 256-entry exp table, filled by the op's prepare,
// becomes a constant): shaders/softmax.comp.
#include <cstring>
#include <vector>

#include "flatnn/ops/softmax.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_softmax(const node& n, const device_caps& caps) {
    if (!n.has_input(0)) return "needs an input";
    return dtype_problem(n.in(0), caps, true, "input");
}

inline status record_softmax(const node& n, plan_builder& b) {
    const auto& d = n.get<ops::softmax_data>();
    const bool q8 = is_q8(n.in(0).type);
    spec_values s;
    push_values v{};
    if (q8) {
        s.set_float(0, d.q.output_scale);
        s[12] = d.q.output_zero_point;
        s[15] = n.in(0).type == dtype::int8 ? 1 : 0;
        std::vector<int32_t> table(256);
        std::memcpy(table.data(), d.q.table, sizeof d.q.table);
        v[4] = b.add_i32(table);  // float and int32 views share element offsets
    } else {
        s.set_float(0, d.beta);
    }
    const size_t es = b.elem_size(n.in(0).type);
    v[0] = b.at(n.in(0), es), v[1] = b.at(n.out(0), es);
    FLATNN_TRY(count32(n, d.rows, v[2]));
    v[3] = d.depth;
    if (d.depth <= 0) return status::ok();  // nothing to write (the reference writes nothing)
    const shader_id id = b.variant(n.in(0).type, shader_id::softmax_q8, shader_id::softmax_f32, shader_id::softmax_f16);
    return b.dispatch(n, id, s, v, v[2]);
}

}  // namespace flatnn::vulkan
