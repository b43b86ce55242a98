#pragma once
// Hybrid (dynamic-range) FULLY_CONNECTED: float input, int8 weights, float output. Chosen by
// prepare_fully_connected when a float32 input meets int8 weights.
#include <cmath>
#include <string>
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/fully_connected_hybrid.hpp"

namespace flatnn::ops {

struct fully_connected_hybrid_data : node_data {
    reference::fully_connected_hybrid_params p;
    std::vector<int8_t> qrow;  // one quantized input row, reused by every row
};

inline status fully_connected_hybrid_invoke(node& n) {
    auto& d = n.get<fully_connected_hybrid_data>();
    reference::fully_connected_hybrid(d.p, n.in(0).data_as<float>(), n.in(1).data_as<int8_t>(),
                                      n.has_input(2) ? n.in(2).data_as<float>() : nullptr, n.out(0).data_as<float>(),
                                      d.qrow.data());
    return status::ok();
}

// Weight scales: one per unit (on channel_axis) or one for all, zero points 0 (TFLite's hybrid kernels ignore them).
inline status hybrid_weight_scales(const node& n, const tensor& w, int32_t units, std::vector<float>& scales,
                                    int32_t channel_axis = 0) {
    if (!w.quantized()) return n.fail("hybrid int8 weights '" + std::string(w.name) + "' have no quantization scale");
    const quantization& q = *w.quant;
    if (q.per_channel() && (q.axis != channel_axis || q.channels() != size_t(units)))
        return n.fail("hybrid weights '" + std::string(w.name) + "' have " + std::to_string(q.channels()) + " scales on dimension " +
                      std::to_string(q.axis) + ", expected 1 or " + std::to_string(units) + " on dimension " +
                      std::to_string(channel_axis));
    scales.resize(size_t(units));
    for (int32_t o = 0; o < units; ++o) {
        const float s = q.scale_at(size_t(o));
        if (!(s > 0.0f) || !std::isfinite(s))
            return n.fail("hybrid weights '" + std::string(w.name) + "' scale " + std::to_string(s) + " is not positive and finite");
        if (q.zero_point_at(size_t(o)) != 0)
            return n.fail("hybrid weights '" + std::string(w.name) + "' have zero point " + std::to_string(q.zero_point_at(size_t(o))) +
                          ", only symmetric (0) int8 weights are supported");
        scales[size_t(o)] = s;
    }
    return status::ok();
}

// Each term of the int32 dot products, w * (q - offset), is below 128 * 256 in magnitude.
inline status hybrid_depth_fits(const node& n, int64_t depth) {
    if (depth > (int64_t(1) << 31) / (128 * 256) - 1)
        return n.fail("hybrid dot products over " + std::to_string(depth) + " values could overflow int32");
    return status::ok();
}

// Called with the shape checks done and the output shape set; act is the fused activation.
inline status prepare_fully_connected_hybrid(node& n, int32_t batches, int32_t K, int32_t O, int8_t act,
                                             bool asymmetric) {
    const tensor& w = n.in(1);
    if (n.has_input(2)) FLATNN_TRY(expect_type(n, n.in(2), dtype::float32, "bias"));
    FLATNN_TRY(hybrid_depth_fits(n, K));
    FLATNN_TRY(check_scratch(n, uint64_t(K), 1, "quantized input row"));
    auto& d = n.emplace<fully_connected_hybrid_data>();
    FLATNN_TRY(hybrid_weight_scales(n, w, O, d.p.weight_scale));
    d.p.batches = batches, d.p.input_size = K, d.p.units = O, d.p.asymmetric = asymmetric;
    float_activation_range(act, d.p.act_min, d.p.act_max);
    d.qrow.assign(size_t(K), 0);
    n.invoke = fully_connected_hybrid_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
