#pragma once
// float32 CONV_2D (one group, any kernel size, strides, dilation, padding) on the float GEMM: weights packed once,
// rows gathered as pointers (indirection) block by block, bias and activation in the microkernel. FULLY_CONNECTED
// runs on the same code as a 1x1 convolution over [batches, 1, 1, K]. With few channels per tap (an RGB stem: 3)
// the microkernel would reload its row pointers every 3 multiply-adds, so such layers take a kernel row as one tap
// of KW * C channels (contiguous in the input when dilation_w is 1); only rows cut by the padding are copied, with
// their zeros, into scratch.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/cpu/float_gemm.hpp"
#include "flatnn/reference/conv_2d.hpp"

namespace flatnn::cpu {

struct conv_float_packed {
    int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1, pad_h = 0, pad_w = 0;
    int32_t KH = 1, KW = 1, C = 0;
    int32_t block_rows = 0;  // rows whose pointers one block holds (a multiple of MR)
    bool row_taps = false;   // a kernel row is one tap of KW * C channels (few channels, dilation_w 1)
    gemm_panels g;
    float_vector zeros;  // C zeros: padded taps read these
    int32_t taps() const noexcept { return KH * KW; }
};

// Rows per block: the block's input rows (~block_rows * K floats) stay within ~192 KiB of L2 while one panel
// (K x NR floats) is reused over them.
inline int32_t conv_float_block_rows(int32_t K, int mr) noexcept {
    int32_t rows = int32_t(49152 / std::max(K, 1));
    return std::max(mr, std::min(rows, 384) / mr * mr);
}

// filter OHWI [OC, KH, KW, C] (C equal to the input's: one group).
template <class A>
inline void pack_conv_float(conv_float_packed& pk, const reference::conv_2d_params& p, const tensor& filter,
                            const float* bias) {
    pk.stride_h = p.stride_h, pk.stride_w = p.stride_w;
    pk.dilation_h = p.dilation_h, pk.dilation_w = p.dilation_w;
    pk.pad_h = p.pad_h, pk.pad_w = p.pad_w;
    pk.KH = filter.dims[1], pk.KW = filter.dims[2], pk.C = filter.dims[3];
    const int32_t OC = filter.dims[0], K = pk.KH * pk.KW * pk.C;
    pack_gemm_panels(pk.g, filter.data_as<float>(), bias, OC, K, gemm_tiling<A>::nr, p.act_min, p.act_max);
    pk.zeros.assign(size_t(pk.C), 0.0f);
    pk.block_rows = conv_float_block_rows(K, gemm_tiling<A>::mr);
    pk.row_taps = pk.C < 8 && pk.KW > 1 && p.dilation_w == 1;
    if (pk.row_taps) pk.zeros.assign(size_t(pk.KW) * size_t(pk.C), 0.0f);
}

// FULLY_CONNECTED weights [units, K]: a 1x1 convolution of K channels.
template <class A>
inline void pack_fully_connected_float(conv_float_packed& pk, const float* weights, const float* bias, int32_t units,
                                       int32_t K, float act_min, float act_max) {
    pk = conv_float_packed{};
    pk.C = K;
    pack_gemm_panels(pk.g, weights, bias, units, K, gemm_tiling<A>::nr, act_min, act_max);
    pk.zeros.assign(size_t(K), 0.0f);
    pk.block_rows = conv_float_block_rows(K, gemm_tiling<A>::mr);
}

// Taps and channels per tap as the GEMM sees them.
inline int32_t conv_float_gemm_taps(const conv_float_packed& pk) noexcept { return pk.row_taps ? pk.KH : pk.taps(); }

// Pointer-sized slots one worker needs: the block's row pointers, then (row taps) room for K floats per row, where
// rows cut by the padding are copied.
inline size_t conv_float_scratch(const conv_float_packed& pk) noexcept {
    const size_t ptrs = size_t(pk.block_rows) * size_t(conv_float_gemm_taps(pk));
    if (!pk.row_taps) return ptrs;
    return ptrs + (size_t(pk.block_rows) * size_t(pk.g.K) * sizeof(float) + sizeof(float*) - 1) / sizeof(float*);
}

namespace detail {
// dst[0, n) = src[0, n). Short spans (an RGB stem's 9 floats) as two overlapping fixed-size moves: a library call
// per span would cost as much as the multiply-adds.
inline void copy_floats(float* dst, const float* src, int32_t n) noexcept {
    if (n > 16) return void(std::memcpy(dst, src, size_t(n) * sizeof(float)));
    float a[8], b[8];
    if (n >= 8) {
        std::memcpy(a, src, 32), std::memcpy(b, src + n - 8, 32);
        std::memcpy(dst, a, 32), std::memcpy(dst + n - 8, b, 32);
    } else if (n >= 4) {
        std::memcpy(a, src, 16), std::memcpy(b, src + n - 4, 16);
        std::memcpy(dst, a, 16), std::memcpy(dst + n - 4, b, 16);
    } else {
        for (int32_t i = 0; i < n; ++i) dst[i] = src[i];
    }
}

// Kernel row ky of output pixel (oy, ox) as one span of KW * C floats: in the input when it lies inside, the
// zero row when iy is padding, else copied into `copy` with zeros for the padded columns.
inline const float* conv_float_row_tap(const conv_float_packed& pk, const float* img, int32_t H, int32_t W,
                                       int32_t iy, int32_t ix0, float* copy) noexcept {
    const int32_t C = pk.C;
    if (iy < 0 || iy >= H) return pk.zeros.data();
    const float* row = img + int64_t(iy) * W * C;
    if (ix0 >= 0 && ix0 + pk.KW <= W) return row + int64_t(ix0) * C;
    for (int32_t kx = 0; kx < pk.KW; ++kx) {
        const int32_t ix = ix0 + kx;
        if (ix < 0 || ix >= W)
            for (int32_t c = 0; c < C; ++c) copy[kx * C + c] = 0.0f;
        else
            copy_floats(copy + kx * C, row + int64_t(ix) * C, C);
    }
    return copy;
}
}  // namespace detail

// Output rows [m_begin, m_end) (pixels of the flattened batch, y, x) x panels [p0, p1); `ptrs` holds
// conv_float_scratch slots. in: NHWC [N, H, W, C]; out_dims: [N, OH, OW, OC]; row m_begin is written at
// `first` (OC floats per row, consecutive), wherever that is: the output tensor, or a fused consumer's ring.
template <class A>
inline void conv_float_rows_at(const conv_float_packed& pk, const float* in, const shape& in_dims,
                               const shape& out_dims, int64_t m_begin, int64_t m_end, int32_t p0, int32_t p1,
                               const float** ptrs, float* first) noexcept {
    constexpr int S = gemm_tiling<A>::mr;
    const int32_t H = in_dims[1], W = in_dims[2], C = pk.C, OH = out_dims[1], OW = out_dims[2];
    const float* zeros = pk.zeros.data();
    const int32_t gtaps = conv_float_gemm_taps(pk);
    float* copies = pk.row_taps ? reinterpret_cast<float*>(ptrs + size_t(pk.block_rows) * size_t(gtaps)) : nullptr;
    for (int64_t m0 = m_begin; m0 < m_end; m0 += pk.block_rows) {
        const int32_t rows = int32_t(std::min<int64_t>(pk.block_rows, m_end - m0));
        // Indirection for this block: tile-major [tile][tap][S]. Row m = (b, oy, ox), walked incrementally.
        int64_t m = m0;
        int32_t ox = int32_t(m % OW), oy = int32_t(m / OW % OH), b = int32_t(m / (int64_t(OW) * OH));
        for (int32_t r = 0; r < rows; ++r) {
            const float* img = in + int64_t(b) * H * W * C;
            const float** dst = ptrs + size_t(r / S) * size_t(gtaps) * S + size_t(r % S);
            if (pk.row_taps) {
                const int32_t ix0 = ox * pk.stride_w - pk.pad_w;
                float* copy = copies + size_t(r) * size_t(pk.g.K);
                for (int32_t ky = 0; ky < pk.KH; ++ky)
                    dst[size_t(ky) * S] = detail::conv_float_row_tap(
                        pk, img, H, W, oy * pk.stride_h - pk.pad_h + ky * pk.dilation_h, ix0,
                        copy + size_t(ky) * size_t(pk.KW) * size_t(C));
            } else {
                for (int32_t ky = 0, t = 0; ky < pk.KH; ++ky) {
                    const int32_t iy = oy * pk.stride_h - pk.pad_h + ky * pk.dilation_h;
                    for (int32_t kx = 0; kx < pk.KW; ++kx, ++t) {
                        const int32_t ix = ox * pk.stride_w - pk.pad_w + kx * pk.dilation_w;
                        dst[size_t(t) * S] = (iy < 0 || iy >= H || ix < 0 || ix >= W)
                                                 ? zeros
                                                 : img + (int64_t(iy) * W + ix) * C;
                    }
                }
            }
            if (++ox == OW) {
                ox = 0;
                if (++oy == OH) oy = 0, ++b;
            }
        }
        gemm_block<A>(pk.g, ptrs, rows, gtaps, pk.row_taps ? pk.KW * C : C, p0, p1, first + (m0 - m_begin) * pk.g.N,
                      size_t(pk.g.N));
    }
}

// As conv_float_rows_at, writing into the output tensor `out`.
template <class A>
inline void conv_float_rows(const conv_float_packed& pk, const float* in, const shape& in_dims, float* out,
                            const shape& out_dims, int64_t m_begin, int64_t m_end, int32_t p0, int32_t p1,
                            const float** ptrs) noexcept {
    conv_float_rows_at<A>(pk, in, in_dims, out_dims, m_begin, m_end, p0, p1, ptrs, out + m_begin * pk.g.N);
}

}  // namespace flatnn::cpu
