#pragma once
// float32 DEPTHWISE_CONV_2D with depth multiplier 1 (any kernel size, strides, dilation, padding), vectorized over
// channels: per output pixel, the taps' input pointers (padded taps point at zeros), then channel blocks of two
// vectors accumulate tap by tap from the bias; the activation clamp is fused. Weights are packed once per block of
// channels as [bias][taps] x VC floats. The 3x3 case has its own loop with the nine tap pointers in registers.
// Sums run in another order than the reference's: the float bound of float_gemm.hpp applies with n = taps + 1.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/cpu/float_gemm.hpp"
#include "flatnn/reference/depthwise_conv_2d.hpp"

namespace flatnn::cpu {

inline constexpr int32_t dw_float_max_taps = 64;  // larger kernels stay on the reference kernel

struct dw_float_packed {
    int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1, pad_h = 0, pad_w = 0;
    int32_t KH = 1, KW = 1, C = 0, VC = 0;  // VC: channels per block (two vectors)
    float act_min = 0, act_max = 0;
    float_vector w;      // [ceil(C / VC) blocks][1 + taps][VC], zero-padded past C
    float_vector zeros;  // C + VC zeros: padded taps read these
    int32_t taps() const noexcept { return KH * KW; }
};

// filter [1, KH, KW, C]
template <class A>
inline void pack_dw_float(dw_float_packed& pk, const reference::depthwise_conv_2d_params& p, const tensor& filter,
                          const float* bias) {
    pk.stride_h = p.stride_h, pk.stride_w = p.stride_w;
    pk.dilation_h = p.dilation_h, pk.dilation_w = p.dilation_w;
    pk.pad_h = p.pad_h, pk.pad_w = p.pad_w;
    pk.KH = filter.dims[1], pk.KW = filter.dims[2], pk.C = filter.dims[3];
    pk.act_min = p.act_min, pk.act_max = p.act_max;
    pk.VC = 2 * int32_t(xsimd::batch<float, A>::size);
    const int32_t taps = pk.taps(), blocks = (pk.C + pk.VC - 1) / pk.VC;
    pk.w.assign(size_t(blocks) * size_t(taps + 1) * size_t(pk.VC), 0.0f);
    const float* fw = filter.data_as<float>();
    for (int32_t c = 0; c < pk.C; ++c) {
        float* d = pk.w.data() + size_t(c / pk.VC) * size_t(taps + 1) * size_t(pk.VC) + size_t(c % pk.VC);
        d[0] = bias ? bias[c] : 0.0f;
        for (int32_t t = 0; t < taps; ++t) d[size_t(t + 1) * size_t(pk.VC)] = fw[size_t(t) * size_t(pk.C) + size_t(c)];
    }
    pk.zeros.assign(size_t(pk.C + pk.VC), 0.0f);
}

namespace detail {

// One output pixel: all channels. tap[t] points at C floats (input pixel or zeros).
template <class A, int T>
inline void dw_float_pixel(const dw_float_packed& pk, const float* const* tap, int32_t taps, float* o) noexcept {
    using B = xsimd::batch<float, A>;
    constexpr int L = int(B::size);
    const int32_t C = pk.C, VC = pk.VC, nt = T > 0 ? T : taps;
    const B lo(pk.act_min), hi(pk.act_max);
    const float* w = pk.w.data();
    const size_t wstep = size_t(nt + 1) * size_t(VC);
    int32_t c = 0;
    for (; c + VC <= C; c += VC, w += wstep) {
        B a0 = B::load_aligned(w), a1 = B::load_aligned(w + L);
        const float* wt = w + VC;
        for (int32_t t = 0; t < nt; ++t, wt += VC) {
            const float* s = tap[t] + c;
            a0 = xsimd::fma(B::load_unaligned(s), B::load_aligned(wt), a0);
            a1 = xsimd::fma(B::load_unaligned(s + L), B::load_aligned(wt + L), a1);
        }
        xsimd::min(hi, xsimd::max(lo, a0)).store_unaligned(o + c);
        xsimd::min(hi, xsimd::max(lo, a1)).store_unaligned(o + c + L);
    }
    if (c < C) {  // partial block: per channel, never reading past the input
        const int32_t count = C - c;
        for (int32_t j = 0; j < count; ++j) {
            float acc = w[j];
            for (int32_t t = 0; t < nt; ++t) acc += tap[t][c + j] * w[size_t(t + 1) * size_t(VC) + size_t(j)];
            o[c + j] = std::min(std::max(acc, pk.act_min), pk.act_max);
        }
    }
}

}  // namespace detail

// Output rows [row_begin, row_end) of the flattened (batch, oy) range.
template <class A>
inline void dw_float_rows(const dw_float_packed& pk, const float* in, const shape& in_dims, float* out,
                          const shape& out_dims, int64_t row_begin, int64_t row_end) noexcept {
    const int32_t H = in_dims[1], W = in_dims[2], C = pk.C, OH = out_dims[1], OW = out_dims[2];
    const int32_t taps = pk.taps();
    const bool k3 = taps == 9 && pk.KH == 3;
    const float* tap[dw_float_max_taps];
    for (int64_t row = row_begin; row < row_end; ++row) {
        const int32_t b = int32_t(row / OH), oy = int32_t(row % OH);
        const float* img = in + int64_t(b) * H * W * C;
        float* o = out + row * int64_t(OW) * C;
        for (int32_t ox = 0; ox < OW; ++ox, o += C) {
            for (int32_t ky = 0, t = 0; ky < pk.KH; ++ky) {
                const int32_t iy = oy * pk.stride_h - pk.pad_h + ky * pk.dilation_h;
                for (int32_t kx = 0; kx < pk.KW; ++kx, ++t) {
                    const int32_t ix = ox * pk.stride_w - pk.pad_w + kx * pk.dilation_w;
                    tap[t] = (iy < 0 || iy >= H || ix < 0 || ix >= W) ? pk.zeros.data()
                                                                       : img + (int64_t(iy) * W + ix) * C;
                }
            }
            if (k3)
                detail::dw_float_pixel<A, 9>(pk, tap, 9, o);
            else
                detail::dw_float_pixel<A, 0>(pk, tap, taps, o);
        }
    }
}

}  // namespace flatnn::cpu
