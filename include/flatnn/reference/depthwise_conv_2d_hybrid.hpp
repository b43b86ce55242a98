#pragma once
// Hybrid DEPTHWISE_CONV_2D: float NHWC input, int8 [1, KH, KW, OC] filter (symmetric, per output channel),
// float bias and output. Each batch image is quantized asymmetrically on the fly
// (reference/hybrid_quantize.hpp); the rescale is acc * (filter_scale * input_scale), as in TensorFlow Lite.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/reference/depthwise_conv_2d.hpp"
#include "flatnn/reference/hybrid_quantize.hpp"

namespace flatnn::reference {

struct depthwise_conv_2d_hybrid_params {
    depthwise_conv_2d_params geo;     // strides, dilations, padding, multiplier, float activation range
    std::vector<float> filter_scale;  // one per output channel
};

// qimage: scratch for one quantized batch image (H * W * C bytes).
inline void depthwise_conv_2d_hybrid(const depthwise_conv_2d_hybrid_params& hp, tensor_view<const float> in,
                                     tensor_view<const int8_t> w, const float* bias, tensor_view<float> out,
                                     int8_t* qimage) noexcept {
    const depthwise_conv_2d_params& p = hp.geo;
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t KH = w.dims[1], KW = w.dims[2], OC = w.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    const int64_t image = int64_t(H) * W * C;
    for (int32_t b = 0; b < N; ++b) {
        const hybrid_row_quant rq = quantize_row_asymmetric(in.data + int64_t(b) * image, image, qimage);
        for (int32_t oy = 0; oy < OH; ++oy)
            for (int32_t ox = 0; ox < OW; ++ox)
                for (int32_t oc = 0; oc < OC; ++oc) {
                    const int32_t ic = oc / p.depth_multiplier;
                    int32_t acc = 0;
                    for (int32_t ky = 0; ky < KH; ++ky) {
                        const int32_t iy = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
                        if (iy < 0 || iy >= H) continue;
                        for (int32_t kx = 0; kx < KW; ++kx) {
                            const int32_t ix = ox * p.stride_w - p.pad_w + kx * p.dilation_w;
                            if (ix < 0 || ix >= W) continue;
                            const int32_t x = qimage[(int64_t(iy) * W + ix) * C + ic];
                            acc += int32_t(w.data[(int64_t(ky) * KW + kx) * OC + oc]) * (x - rq.offset);
                        }
                    }
                    float v = float(acc) * (hp.filter_scale[size_t(oc)] * rq.scale);
                    if (bias) v += bias[oc];
                    out.data[((int64_t(b) * OH + oy) * OW + ox) * OC + oc] = std::min(std::max(v, p.act_min), p.act_max);
                }
    }
}

}  // namespace flatnn::reference
