#pragma once
// float32 DEPTHWISE_CONV_2D with depth multiplier 1 (any kernel size, strides, dilation, padding), vectorized over
// channels: per output pixel, the taps' input pointers (padded taps point at zeros), then channel blocks of one
// vector accumulate tap by tap from the bias; the activation clamp is fused. Weights are packed once per block of
// channels as [bias][taps] x VC floats. 3x3 has an interior loop (all taps inside the input columns) that keeps a
// block's nine weights in registers and runs four output pixels at once.
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
    int32_t KH = 1, KW = 1, C = 0, VC = 0;  // VC: channels per block (one vector)
    float act_min = 0, act_max = 0;
    float_vector w;      // [ceil(C / VC) blocks][1 + taps][VC], zero-padded past C
    float_vector zeros;  // one input row of zeros (W x C): padded taps and rows read these
    int32_t taps() const noexcept { return KH * KW; }
};

// filter [1, KH, KW, C]; in_w: the input's width.
template <class A>
inline void pack_dw_float(dw_float_packed& pk, const reference::depthwise_conv_2d_params& p, const tensor& filter,
                          const float* bias, int32_t in_w) {
    pk.stride_h = p.stride_h, pk.stride_w = p.stride_w;
    pk.dilation_h = p.dilation_h, pk.dilation_w = p.dilation_w;
    pk.pad_h = p.pad_h, pk.pad_w = p.pad_w;
    pk.KH = filter.dims[1], pk.KW = filter.dims[2], pk.C = filter.dims[3];
    pk.act_min = p.act_min, pk.act_max = p.act_max;
    pk.VC = int32_t(xsimd::batch<float, A>::size);
    const int32_t taps = pk.taps(), blocks = (pk.C + pk.VC - 1) / pk.VC;
    pk.w.assign(size_t(blocks) * size_t(taps + 1) * size_t(pk.VC), 0.0f);
    const float* fw = filter.data_as<float>();
    for (int32_t c = 0; c < pk.C; ++c) {
        float* d = pk.w.data() + size_t(c / pk.VC) * size_t(taps + 1) * size_t(pk.VC) + size_t(c % pk.VC);
        d[0] = bias ? bias[c] : 0.0f;
        for (int32_t t = 0; t < taps; ++t) d[size_t(t + 1) * size_t(pk.VC)] = fw[size_t(t) * size_t(pk.C) + size_t(c)];
    }
    pk.zeros.assign(size_t(std::max(in_w, 1)) * size_t(pk.C), 0.0f);
}

namespace detail {

// One output pixel, channels [c, C) (c a multiple of VC). tap[t] points at C floats (input pixel or zeros).
template <class A, int T>
inline void dw_float_pixel(const dw_float_packed& pk, const float* const* tap, int32_t taps, int32_t c,
                           float* o) noexcept {
    using B = xsimd::batch<float, A>;
    constexpr int L = int(B::size);
    const int32_t C = pk.C, nt = T > 0 ? T : taps;
    const B lo(pk.act_min), hi(pk.act_max);
    const size_t wstep = size_t(nt + 1) * L;
    const float* w = pk.w.data() + size_t(c / L) * wstep;
    for (; c + 2 * L <= C; c += 2 * L, w += 2 * wstep) {  // two blocks: two independent sums
        B a0 = B::load_aligned(w), a1 = B::load_aligned(w + wstep);
        for (int32_t t = 0; t < nt; ++t) {
            const float* s = tap[t] + c;
            a0 = fmadd(B::load_unaligned(s), B::load_aligned(w + size_t(t + 1) * L), a0);
            a1 = fmadd(B::load_unaligned(s + L), B::load_aligned(w + wstep + size_t(t + 1) * L), a1);
        }
        clamp(a0, lo, hi).store_unaligned(o + c);
        clamp(a1, lo, hi).store_unaligned(o + c + L);
    }
    if (c + L <= C) {
        B a0 = B::load_aligned(w);
        for (int32_t t = 0; t < nt; ++t)
            a0 = fmadd(B::load_unaligned(tap[t] + c), B::load_aligned(w + size_t(t + 1) * L), a0);
        clamp(a0, lo, hi).store_unaligned(o + c);
        c += L, w += wstep;
    }
    for (int32_t j = 0; c + j < C; ++j) {  // partial block: per channel, never reading past the input
        float acc = w[j];
        for (int32_t t = 0; t < nt; ++t) acc += tap[t][c + j] * w[size_t(t + 1) * L + size_t(j)];
        o[c + j] = std::min(std::max(acc, pk.act_min), pk.act_max);
    }
}

// 3x3 taps, output pixels [ox0, ox1) of one row whose taps are all inside the input columns, full channel
// blocks only: one block of L channels at a time with its nine weights in registers, four pixels per step (four
// independent sums). rows[ky]: input row ky (or a zero row), C floats per pixel.
template <class A>
inline void dw_float_3x3_interior(const dw_float_packed& pk, const float* const* rows, int32_t ox0, int32_t ox1,
                                  float* orow) noexcept {
    using B = xsimd::batch<float, A>;
    constexpr int L = int(B::size);
    const int32_t C = pk.C, sw = pk.stride_w, dw = pk.dilation_w;
    const B lo(pk.act_min), hi(pk.act_max);
    const size_t wstep = 10 * L;
    const int64_t xstep = int64_t(sw) * C, kstep = int64_t(dw) * C;
    for (int32_t c = 0; c + L <= C; c += L) {
        const float* w = pk.w.data() + size_t(c / L) * wstep;
        const B bias = B::load_aligned(w);
        B k[9];
        for (int t = 0; t < 9; ++t) k[t] = B::load_aligned(w + size_t(t + 1) * L);
        const int64_t x0 = (int64_t(ox0) * sw - pk.pad_w) * C + c;
        const float* r0 = rows[0] + x0;
        const float* r1 = rows[1] + x0;
        const float* r2 = rows[2] + x0;
        float* o = orow + int64_t(ox0) * C + c;
        int32_t ox = ox0;
        for (; ox + 4 <= ox1; ox += 4, r0 += 4 * xstep, r1 += 4 * xstep, r2 += 4 * xstep, o += 4 * C) {
            B acc[4] = {bias, bias, bias, bias};
            const float* r[3] = {r0, r1, r2};
            for (int ky = 0; ky < 3; ++ky)
                for (int kx = 0; kx < 3; ++kx)
                    for (int j = 0; j < 4; ++j)
                        acc[j] = fmadd(B::load_unaligned(r[ky] + j * xstep + kx * kstep), k[ky * 3 + kx], acc[j]);
            for (int j = 0; j < 4; ++j) clamp(acc[j], lo, hi).store_unaligned(o + j * C);
        }
        for (; ox < ox1; ++ox, r0 += xstep, r1 += xstep, r2 += xstep, o += C) {
            B acc = bias;
            const float* r[3] = {r0, r1, r2};
            for (int ky = 0; ky < 3; ++ky)
                for (int kx = 0; kx < 3; ++kx) acc = fmadd(B::load_unaligned(r[ky] + kx * kstep), k[ky * 3 + kx], acc);
            clamp(acc, lo, hi).store_unaligned(o);
        }
    }
}

}  // namespace detail

// One output row from its KH input rows: rows[ky] points at input row oy * stride_h - pad_h + ky * dilation_h
// (W pixels of C floats), or at pk.zeros where that row is padding. The rows may lie anywhere (the tensor, or the
// ring of rows a fused convolution writes).
template <class A>
inline void dw_float_row(const dw_float_packed& pk, const float* const* rows, int32_t W, int32_t OW,
                         float* orow) noexcept {
    constexpr int L = int(xsimd::batch<float, A>::size);
    const int32_t C = pk.C, taps = pk.taps();
    const float* tap[dw_float_max_taps];
    auto pixel = [&](int32_t ox, int32_t c) {
        for (int32_t ky = 0, t = 0; ky < pk.KH; ++ky)
            for (int32_t kx = 0; kx < pk.KW; ++kx, ++t) {
                const int32_t ix = ox * pk.stride_w - pk.pad_w + kx * pk.dilation_w;
                tap[t] = (ix < 0 || ix >= W) ? pk.zeros.data() : rows[ky] + int64_t(ix) * C;
            }
        if (taps == 9)
            detail::dw_float_pixel<A, 9>(pk, tap, 9, c, orow + int64_t(ox) * C);
        else
            detail::dw_float_pixel<A, 0>(pk, tap, taps, c, orow + int64_t(ox) * C);
    };
    if (pk.KH != 3 || pk.KW != 3) {
        for (int32_t ox = 0; ox < OW; ++ox) pixel(ox, 0);
        return;
    }
    // Output columns whose taps all fall inside the input row: the 3x3 interior loop takes them.
    const int32_t ox_lo = std::min(OW, (pk.pad_w + pk.stride_w - 1) / pk.stride_w);
    const int32_t last = W - 1 + pk.pad_w - 2 * pk.dilation_w;  // ox * stride_w must not exceed this
    const int32_t ox_hi = std::max(ox_lo, last < 0 ? 0 : std::min(OW, last / pk.stride_w + 1));
    for (int32_t ox = 0; ox < ox_lo; ++ox) pixel(ox, 0);
    if (ox_lo < ox_hi) {
        detail::dw_float_3x3_interior<A>(pk, rows, ox_lo, ox_hi, orow);
        const int32_t c_tail = C / L * L;  // interior pixels' channels past the last full block
        if (c_tail < C)
            for (int32_t ox = ox_lo; ox < ox_hi; ++ox) pixel(ox, c_tail);
    }
    for (int32_t ox = ox_hi; ox < OW; ++ox) pixel(ox, 0);
}

// Input row pointers of output row oy (padding rows point at pk.zeros); img: one batch's [H, W, C].
inline void dw_float_input_rows(const dw_float_packed& pk, const float* img, int32_t H, int32_t W, int32_t oy,
                                const float** rows) noexcept {
    for (int32_t ky = 0; ky < pk.KH; ++ky) {
        const int32_t iy = oy * pk.stride_h - pk.pad_h + ky * pk.dilation_h;
        rows[ky] = (iy < 0 || iy >= H) ? pk.zeros.data() : img + int64_t(iy) * W * pk.C;
    }
}

// Output rows [row_begin, row_end) of the flattened (batch, oy) range.
template <class A>
inline void dw_float_rows(const dw_float_packed& pk, const float* in, const shape& in_dims, float* out,
                          const shape& out_dims, int64_t row_begin, int64_t row_end) noexcept {
    const int32_t H = in_dims[1], W = in_dims[2], C = pk.C, OH = out_dims[1], OW = out_dims[2];
    const float* rows[dw_float_max_taps];
    for (int64_t row = row_begin; row < row_end; ++row) {
        const int32_t b = int32_t(row / OH), oy = int32_t(row % OH);
        dw_float_input_rows(pk, in + int64_t(b) * H * W * C, H, W, oy, rows);
        dw_float_row<A>(pk, rows, W, OW, out + row * int64_t(OW) * C);
    }
}

}  // namespace flatnn::cpu
