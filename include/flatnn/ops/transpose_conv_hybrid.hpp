#pragma once
// Hybrid (dynamic-range) TRANSPOSE_CONV: float input, int8 filter, float output. Chosen by prepare_transpose_conv
// when a float32 input meets an int8 filter.
#include <vector>

#include "flatnn/ops/fully_connected_hybrid.hpp"
#include "flatnn/reference/transpose_conv_hybrid.hpp"

namespace flatnn::ops {

struct transpose_conv_hybrid_data : node_data {
    reference::transpose_conv_params p;
    std::vector<float> filter_scale;
    std::vector<int8_t> qimage;  // one quantized batch image, reused by every batch
};

inline status transpose_conv_hybrid_invoke(node& n) {
    auto& d = n.get<transpose_conv_hybrid_data>();
    reference::transpose_conv_hybrid(d.p, n.in(2).dims, n.in(2).data_as<float>(), n.in(1).dims,
                                     n.in(1).data_as<int8_t>(), d.filter_scale.data(),
                                     n.has_input(3) ? n.in(3).data_as<float>() : nullptr, n.out(0).dims,
                                     n.out(0).data_as<float>(), d.qimage.data());
    return status::ok();
}

// geo: strides and padding as prepare_transpose_conv computed them; act: the fused activation.
inline status prepare_transpose_conv_hybrid(node& n, const reference::transpose_conv_params& geo, int8_t act) {
    const tensor& w = n.in(1);
    const tensor& in = n.in(2);
    if (n.has_input(3)) FLATNN_TRY(expect_type(n, n.in(3), dtype::float32, "bias"));
    const uint64_t image = uint64_t(in.dims[1]) * uint64_t(in.dims[2]) * uint64_t(in.dims[3]);
    FLATNN_TRY(check_scratch(n, image, 1, "quantized input image"));
    const reference::transpose_conv_params g = geo;  // geo may live in the node data replaced below
    auto& d = n.emplace<transpose_conv_hybrid_data>();
    FLATNN_TRY(hybrid_weight_scales(n, w, w.dims[0], d.filter_scale));
    d.p = g;
    float_activation_range(act, d.p.act_min, d.p.act_max);
    d.qimage.assign(size_t(image), 0);
    n.invoke = transpose_conv_hybrid_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
