#pragma once
// Hybrid (dynamic-range) CONV_2D: float input, int8 filter, float output. Chosen by prepare_conv_2d when a
// float32 input meets an int8 filter.
#include <vector>

#include "flatnn/ops/fully_connected_hybrid.hpp"
#include "flatnn/reference/conv_2d_hybrid.hpp"

namespace flatnn::ops {

struct conv_2d_hybrid_data : node_data {
    reference::conv_2d_hybrid_params p;
    std::vector<int8_t> qimage;  // one quantized batch image, reused by every batch
};

inline status conv_2d_hybrid_invoke(node& n) {
    auto& d = n.get<conv_2d_hybrid_data>();
    reference::conv_2d_hybrid(d.p, view<float>(static_cast<const tensor&>(n.in(0))),
                              view<int8_t>(static_cast<const tensor&>(n.in(1))),
                              n.has_input(2) ? n.in(2).data_as<float>() : nullptr, view<float>(n.out(0)),
                              d.qimage.data());
    return status::ok();
}

// geo: the geometry prepare_conv_2d computed (strides, dilations, padding); act: the fused activation.
inline status prepare_conv_2d_hybrid(node& n, const reference::conv_2d_params& geo, int8_t act) {
    const tensor& in = n.in(0);
    const tensor& w = n.in(1);
    if (w.dims[3] != in.dims[3])
        return n.fail("hybrid CONV_2D has no grouped form: filter " + w.dims.str() + ", input " + in.dims.str());
    if (n.has_input(2)) FLATNN_TRY(expect_type(n, n.in(2), dtype::float32, "bias"));
    FLATNN_TRY(hybrid_depth_fits(n, int64_t(w.dims[1]) * w.dims[2] * w.dims[3]));
    const uint64_t image = uint64_t(in.dims[1]) * uint64_t(in.dims[2]) * uint64_t(in.dims[3]);
    FLATNN_TRY(check_scratch(n, image, 1, "quantized input image"));
    const reference::conv_2d_params g = geo;  // geo may live in the node data replaced below
    auto& d = n.emplace<conv_2d_hybrid_data>();
    FLATNN_TRY(hybrid_weight_scales(n, w, w.dims[0], d.p.filter_scale));
    d.p.geo = g;
    float_activation_range(act, d.p.geo.act_min, d.p.geo.act_max);
    // TensorFlow Lite takes the per-channel path only when the scales differ.
    for (float s : d.p.filter_scale) d.p.per_channel = d.p.per_channel || s != d.p.filter_scale[0];
    d.qimage.assign(size_t(image), 0);
    n.invoke = conv_2d_hybrid_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
