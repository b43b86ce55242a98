#pragma once
// Reference CONV_2D kernels: NHWC input, OHWI filter, grouped when the filter has fewer input channels.
#include <algorithm>
#include <cstdint>

#include "flatnn/core/tensor.hpp"
#include "flatnn/ops/conv_common.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct conv_2d_params {
    int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1, pad_h = 0, pad_w = 0;
    float act_min = 0, act_max = 0;
    ops::conv_quant_params q;
};

inline void conv_2d_float(const conv_2d_params& p, tensor_view<const float> in, tensor_view<const float> w,
                          const float* bias, tensor_view<float> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OC = w.dims[0], KH = w.dims[1], KW = w.dims[2], CG = w.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    const int32_t oc_per_group = OC / (C / CG);
    for (int32_t b = 0; b < N; ++b)
        for (int32_t oy = 0; oy < OH; ++oy)
            for (int32_t ox = 0; ox < OW; ++ox)
                for (int32_t oc = 0; oc < OC; ++oc) {
                    const int32_t g = oc / oc_per_group;
                    float acc = 0.0f;
                    for (int32_t ky = 0; ky < KH; ++ky) {
                        const int32_t iy = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
                        if (iy < 0 || iy >= H) continue;
                        for (int32_t kx = 0; kx < KW; ++kx) {
                            const int32_t ix = ox * p.stride_w - p.pad_w + kx * p.dilation_w;
                            if (ix < 0 || ix >= W) continue;
                            const float* xp = in.data + ((int64_t(b) * H + iy) * W + ix) * C + int64_t(g) * CG;
                            const float* wp = w.data + ((int64_t(oc) * KH + ky) * KW + kx) * CG;
                            for (int32_t ic = 0; ic < CG; ++ic) acc += xp[ic] * wp[ic];
                        }
                    }
                    if (bias) acc += bias[oc];
                    out.data[((int64_t(b) * OH + oy) * OW + ox) * OC + oc] = std::min(std::max(acc, p.act_min), p.act_max);
                }
}

// int8 (per-channel), uint8 (per-tensor, with filter offset) and int16x8 share this kernel. The accumulator has
// the bias type, as TFLite's: int32, or int64 for 16x8 models with int64 biases (then the 64-bit rescale).
template <class T, class W, class Bias = int32_t>
inline void conv_2d_quantized(const conv_2d_params& p, tensor_view<const T> in, tensor_view<const W> w,
                              const Bias* bias, tensor_view<T> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], Wd = in.dims[2], C = in.dims[3];
    const int32_t OC = w.dims[0], KH = w.dims[1], KW = w.dims[2], CG = w.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    const int32_t oc_per_group = OC / (C / CG);
    const ops::conv_quant_params& q = p.q;
    for (int32_t b = 0; b < N; ++b)
        for (int32_t oy = 0; oy < OH; ++oy)
            for (int32_t ox = 0; ox < OW; ++ox)
                for (int32_t oc = 0; oc < OC; ++oc) {
                    const int32_t g = oc / oc_per_group;
                    Bias acc = 0;
                    for (int32_t ky = 0; ky < KH; ++ky) {
                        const int32_t iy = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
                        if (iy < 0 || iy >= H) continue;
                        for (int32_t kx = 0; kx < KW; ++kx) {
                            const int32_t ix = ox * p.stride_w - p.pad_w + kx * p.dilation_w;
                            if (ix < 0 || ix >= Wd) continue;
                            const T* xp = in.data + ((int64_t(b) * H + iy) * Wd + ix) * C + int64_t(g) * CG;
                            const W* wp = w.data + ((int64_t(oc) * KH + ky) * KW + kx) * CG;
                            for (int32_t ic = 0; ic < CG; ++ic)
                                acc = fixed_point::wrap_add(acc, (int32_t(wp[ic]) + q.filter_offset) * (int32_t(xp[ic]) + q.input_offset));
                        }
                    }
                    if (bias) acc = fixed_point::add_bias(acc, bias[oc]);
                    int32_t v = fixed_point::multiply_by_quantized_multiplier(acc, q.multiplier[size_t(oc)], q.shift[size_t(oc)]);
                    v = fixed_point::add_saturated(v, q.output_zero_point);
                    out.data[((int64_t(b) * OH + oy) * OW + ox) * OC + oc] = T(std::min(std::max(v, q.act_min), q.act_max));
                }
}

}  // namespace flatnn::reference
