#pragma once
// Reference TRANSPOSE_CONV (NHWC input, OHWI filter): every input pixel scatters input · filter into the output
// window at (y·stride - pad, x·stride - pad), in TensorFlow Lite's loop order (batch, y, x, input channel,
// filter y, filter x, output channel) so float sums round the same way; then bias and the activation clamp.
// Quantized: the scatter accumulates (x - zp_in)(w - zp_w) in an int32 scratch, then each output channel is
// rescaled with its fixed-point multiplier.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "flatnn/core/shape.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct transpose_conv_params {
    int32_t stride_h = 1, stride_w = 1, pad_h = 0, pad_w = 0;
    float act_min = 0, act_max = 0;
    int32_t input_offset = 0, filter_offset = 0, output_zero_point = 0, q_min = 0, q_max = 0;
    const int32_t* multiplier = nullptr;  // per output channel
    const int* shift = nullptr;
};

template <class Acc, class In, class W>
inline void transpose_conv_scatter(const transpose_conv_params& p, const shape& in, const In* input, const shape& f,
                                   const W* filter, const shape& out, Acc in_off, Acc w_off, Acc* acc) noexcept {
    const int32_t N = in[0], H = in[1], Wd = in[2], C = in[3];
    const int32_t O = f[0], KH = f[1], KW = f[2];
    const int32_t OH = out[1], OW = out[2];
    std::fill(acc, acc + int64_t(N) * OH * OW * O, Acc(0));
    for (int32_t b = 0; b < N; ++b)
        for (int32_t y = 0; y < H; ++y)
            for (int32_t x = 0; x < Wd; ++x)
                for (int32_t c = 0; c < C; ++c) {
                    const Acc v = Acc(input[((int64_t(b) * H + y) * Wd + x) * C + c]) + in_off;
                    const int32_t oy0 = y * p.stride_h - p.pad_h, ox0 = x * p.stride_w - p.pad_w;
                    for (int32_t ky = 0; ky < KH; ++ky)
                        for (int32_t kx = 0; kx < KW; ++kx) {
                            const int32_t oy = oy0 + ky, ox = ox0 + kx;
                            if (oy < 0 || oy >= OH || ox < 0 || ox >= OW) continue;
                            Acc* o = acc + ((int64_t(b) * OH + oy) * OW + ox) * O;
                            for (int32_t oc = 0; oc < O; ++oc)
                                o[oc] = fixed_point::wrap_add(o[oc], v * (Acc(filter[((int64_t(oc) * KH + ky) * KW + kx) * C + c]) + w_off));
                        }
                }
}

inline void transpose_conv_float(const transpose_conv_params& p, const shape& in, const float* input, const shape& f,
                                 const float* filter, const float* bias, const shape& out, float* output) noexcept {
    transpose_conv_scatter<float>(p, in, input, f, filter, out, 0.0f, 0.0f, output);
    const int32_t O = f[0];
    const int64_t pixels = out.num_elements() / (O ? O : 1);
    for (int64_t i = 0; i < pixels; ++i)
        for (int32_t oc = 0; oc < O; ++oc) {
            float& v = output[i * O + oc];
            if (bias) v += bias[oc];
            v = std::min(std::max(v, p.act_min), p.act_max);
        }
}

// T: int8, uint8 or int16 activations; W: filter type; Acc: the accumulator (int32, or int64 for 16x8 models
// with int64 biases, whose rescale is then TFLite's 64-bit one); scratch holds the output's element count.
template <class T, class W, class Acc = int32_t>
inline void transpose_conv_quantized(const transpose_conv_params& p, const shape& in, const T* input, const shape& f,
                                     const W* filter, const Acc* bias, const shape& out, Acc* scratch,
                                     T* output) noexcept {
    transpose_conv_scatter<Acc>(p, in, input, f, filter, out, Acc(p.input_offset), Acc(p.filter_offset), scratch);
    const int32_t O = f[0];
    const int64_t pixels = out.num_elements() / (O ? O : 1);
    for (int64_t i = 0; i < pixels; ++i)
        for (int32_t oc = 0; oc < O; ++oc) {
            Acc acc = scratch[i * O + oc];
            if (bias) acc = fixed_point::add_bias(acc, bias[oc]);
            int32_t v = fixed_point::multiply_by_quantized_multiplier(acc, p.multiplier[oc], p.shift[oc]);
            v = fixed_point::add_saturated(v, p.output_zero_point);
            output[i * O + oc] = T(std::min(std::max(v, p.q_min), p.q_max));
        }
}

}  // namespace flatnn::reference
