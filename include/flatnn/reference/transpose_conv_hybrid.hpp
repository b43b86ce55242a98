#pragma once
// Reference hybrid (dynamic-range) TRANSPOSE_CONV: float input, int8 filter, float output. As TensorFlow Lite:
// each batch image is quantized asymmetrically to int8 (one scale and offset per image), then every input
// element scatters float((q - offset) * w) * filter_scale[oc] * image_scale into the float output, in the float
// kernel's loop order; bias and the activation clamp follow.
#include <algorithm>
#include <cstdint>

#include "flatnn/core/shape.hpp"
#include "flatnn/reference/hybrid_quantize.hpp"
#include "flatnn/reference/transpose_conv.hpp"

namespace flatnn::reference {

// qimage: scratch of one batch image (H * W * C int8); filter_scale: one per output channel.
inline void transpose_conv_hybrid(const transpose_conv_params& p, const shape& in, const float* input,
                                  const shape& f, const int8_t* filter, const float* filter_scale, const float* bias,
                                  const shape& out, float* output, int8_t* qimage) noexcept {
    const int32_t N = in[0], H = in[1], Wd = in[2], C = in[3];
    const int32_t O = f[0], KH = f[1], KW = f[2];
    const int32_t OH = out[1], OW = out[2];
    const int64_t image = int64_t(H) * Wd * C;
    std::fill(output, output + int64_t(N) * OH * OW * O, 0.0f);
    for (int32_t b = 0; b < N; ++b) {
        const hybrid_row_quant rq = quantize_row_asymmetric(input + b * image, image, qimage);
        for (int32_t y = 0; y < H; ++y)
            for (int32_t x = 0; x < Wd; ++x)
                for (int32_t c = 0; c < C; ++c) {
                    const int32_t v = int32_t(qimage[(int64_t(y) * Wd + x) * C + c]) - rq.offset;
                    const int32_t oy0 = y * p.stride_h - p.pad_h, ox0 = x * p.stride_w - p.pad_w;
                    for (int32_t ky = 0; ky < KH; ++ky)
                        for (int32_t kx = 0; kx < KW; ++kx) {
                            const int32_t oy = oy0 + ky, ox = ox0 + kx;
                            if (oy < 0 || oy >= OH || ox < 0 || ox >= OW) continue;
                            float* o = output + ((int64_t(b) * OH + oy) * OW + ox) * O;
                            for (int32_t oc = 0; oc < O; ++oc) {
                                const int32_t acc = v * int32_t(filter[((int64_t(oc) * KH + ky) * KW + kx) * C + c]);
                                o[oc] += float(acc) * filter_scale[oc] * rq.scale;
                            }
                        }
                }
    }
    const int64_t pixels = int64_t(N) * OH * OW;
    for (int64_t i = 0; i < pixels; ++i)
        for (int32_t oc = 0; oc < O; ++oc) {
            float acc = output[i * O + oc];
            if (bias) acc += bias[oc];
            output[i * O + oc] = std::min(std::max(acc, p.act_min), p.act_max);
        }
}

}  // namespace flatnn::reference
