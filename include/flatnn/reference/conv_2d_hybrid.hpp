#pragma once
// Hybrid CONV_2D: float NHWC input, int8 OHWI filter (symmetric), float bias and output. Each batch image is
// quantized on the fly (reference/hybrid_quantize.hpp). As in TensorFlow Lite: filters whose scales differ
// per output channel use asymmetric input quantization and rescale by (acc * filter_scale) * input_scale;
// one filter scale uses symmetric input quantization and acc * (input_scale * filter_scale). Positions outside
// the input contribute nothing (real zero).
#include <algorithm>
#include <cstdint>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/reference/conv_2d.hpp"
#include "flatnn/reference/hybrid_quantize.hpp"

namespace flatnn::reference {

struct conv_2d_hybrid_params {
    conv_2d_params geo;  // strides, dilations, padding, float activation range
    bool per_channel = false;
    std::vector<float> filter_scale;  // one per output channel (all equal when !per_channel)
};

// qimage: scratch for one quantized batch image (H * W * C bytes).
inline void conv_2d_hybrid(const conv_2d_hybrid_params& hp, tensor_view<const float> in, tensor_view<const int8_t> w,
                           const float* bias, tensor_view<float> out, int8_t* qimage) noexcept {
    const conv_2d_params& p = hp.geo;
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OC = w.dims[0], KH = w.dims[1], KW = w.dims[2];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    const int64_t image = int64_t(H) * W * C;
    for (int32_t b = 0; b < N; ++b) {
        const float* x = in.data + int64_t(b) * image;
        const hybrid_row_quant rq =
            hp.per_channel ? quantize_row_asymmetric(x, image, qimage) : quantize_row_symmetric(x, image, qimage);
        for (int32_t oy = 0; oy < OH; ++oy)
            for (int32_t ox = 0; ox < OW; ++ox)
                for (int32_t oc = 0; oc < OC; ++oc) {
                    int32_t acc = 0;
                    for (int32_t ky = 0; ky < KH; ++ky) {
                        const int32_t iy = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
                        if (iy < 0 || iy >= H) continue;
                        for (int32_t kx = 0; kx < KW; ++kx) {
                            const int32_t ix = ox * p.stride_w - p.pad_w + kx * p.dilation_w;
                            if (ix < 0 || ix >= W) continue;
                            const int8_t* xp = qimage + (int64_t(iy) * W + ix) * C;
                            const int8_t* wp = w.data + ((int64_t(oc) * KH + ky) * KW + kx) * C;
                            for (int32_t ic = 0; ic < C; ++ic) acc += int32_t(wp[ic]) * (int32_t(xp[ic]) - rq.offset);
                        }
                    }
                    const float fs = hp.filter_scale[size_t(oc)];
                    float v = hp.per_channel ? float(acc) * fs * rq.scale : float(acc) * (rq.scale * fs);
                    if (bias) v += bias[oc];
                    out.data[((int64_t(b) * OH + oy) * OW + ox) * OC + oc] = std::min(std::max(v, p.act_min), p.act_max);
                }
    }
}

}  // namespace flatnn::reference
