#pragma once
// float32 CONV_2D (one group, any kernel size, strides, dilation, padding) on the float GEMM: weights packed once,
// rows gathered as pointers (indirection) block by block, bias and activation in the microkernel. FULLY_CONNECTED
// runs on the same code as a 1x1 convolution over [batches, 1, 1, K].
#include <algorithm>
#include <cstdint>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/cpu/float_gemm.hpp"
#include "flatnn/reference/conv_2d.hpp"

namespace flatnn::cpu {

struct conv_float_packed {
    int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1, pad_h = 0, pad_w = 0;
    int32_t KH = 1, KW = 1, C = 0;
    int32_t block_rows = 0;  // rows whose pointers one block holds (a multiple of MR)
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

// Pointers one worker needs.
inline size_t conv_float_scratch(const conv_float_packed& pk) noexcept {
    return size_t(pk.block_rows) * size_t(pk.taps());
}

// Output rows [m_begin, m_end) (pixels of the flattened batch, y, x) x panels [p0, p1); `ptrs` holds
// conv_float_scratch pointers. in: NHWC [N, H, W, C]; out: [N, OH, OW, OC].
template <class A>
inline void conv_float_rows(const conv_float_packed& pk, const float* in, const shape& in_dims, float* out,
                            const shape& out_dims, int64_t m_begin, int64_t m_end, int32_t p0, int32_t p1,
                            const float** ptrs) noexcept {
    constexpr int S = gemm_tiling<A>::mr;
    const int32_t H = in_dims[1], W = in_dims[2], C = pk.C, OH = out_dims[1], OW = out_dims[2];
    const int32_t taps = pk.taps();
    const float* zeros = pk.zeros.data();
    for (int64_t m0 = m_begin; m0 < m_end; m0 += pk.block_rows) {
        const int32_t rows = int32_t(std::min<int64_t>(pk.block_rows, m_end - m0));
        // Indirection for this block: tile-major [tile][tap][S]. Row m = (b, oy, ox), walked incrementally.
        int64_t m = m0;
        int32_t ox = int32_t(m % OW), oy = int32_t(m / OW % OH), b = int32_t(m / (int64_t(OW) * OH));
        for (int32_t r = 0; r < rows; ++r) {
            const float** dst = ptrs + size_t(r / S) * size_t(taps) * S + size_t(r % S);
            const float* img = in + int64_t(b) * H * W * C;
            for (int32_t ky = 0, t = 0; ky < pk.KH; ++ky) {
                const int32_t iy = oy * pk.stride_h - pk.pad_h + ky * pk.dilation_h;
                for (int32_t kx = 0; kx < pk.KW; ++kx, ++t) {
                    const int32_t ix = ox * pk.stride_w - pk.pad_w + kx * pk.dilation_w;
                    dst[size_t(t) * S] = (iy < 0 || iy >= H || ix < 0 || ix >= W)
                                             ? zeros
                                             : img + (int64_t(iy) * W + ix) * C;
                }
            }
            if (++ox == OW) {
                ox = 0;
                if (++oy == OH) oy = 0, ++b;
            }
        }
        gemm_block<A>(pk.g, ptrs, rows, taps, C, p0, p1, out + m0 * pk.g.N, size_t(pk.g.N));
    }
}

}  // namespace flatnn::cpu
