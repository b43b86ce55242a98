#pragma once
// float32 CONV_2D fused into the DEPTHWISE_CONV_2D that alone reads its output (MobileNet's expand -> depthwise
// pairs). The convolution's output rows go into a small ring of rows per thread, each computed just before the
// first depthwise row that needs it and overwritten once no later row does, so the intermediate tensor (4.8 MB at
// MobileNet v2's 112x112x96) never travels to memory and back: both kernels then run from cache. Each row is
// computed by the unfused kernels (conv_float_rows_at, dw_float_row), so results are the same bits as unfused.
// A thread's share starts its ring afresh: the rows its first output row shares with the share before it are
// computed twice (two rows of a 3x3 per share).
#include <algorithm>
#include <cstdint>

#include "flatnn/core/shape.hpp"
#include "flatnn/cpu/conv_2d_float.hpp"
#include "flatnn/cpu/depthwise_conv_2d_float.hpp"

namespace flatnn::cpu {

// Rows the ring holds: every input row one depthwise output row reads.
inline int32_t conv_dw_ring_rows(const dw_float_packed& dw) noexcept { return (dw.KH - 1) * dw.dilation_h + 1; }
// Floats between ring rows (a row of W x C floats, rounded up to 64 bytes).
inline size_t conv_dw_ring_stride(const shape& mid_dims) noexcept {
    return (size_t(mid_dims[2]) * size_t(mid_dims[3]) + 15) / 16 * 16;
}
inline size_t conv_dw_ring_floats(const dw_float_packed& dw, const shape& mid_dims) noexcept {
    return size_t(conv_dw_ring_rows(dw)) * conv_dw_ring_stride(mid_dims);
}

// Whether fusing pays: the intermediate tensor is larger than what stays in L2 between the two ops (from 1 MiB:
// MobileNet v2's 112x112 and 56x56 expansions, v1's layers down to 56x56), while the convolution's weights, read
// again for every row, stay small (the 14x14 and 7x7 layers' 1-4 MiB would go to memory once per row: v1 ran
// 11.0 -> 11.8 ms fusing every pair) and the ring stays in L2.
inline bool conv_dw_float_pays(size_t mid_bytes, size_t weight_bytes, size_t ring_floats) noexcept {
    return mid_bytes >= (size_t(1) << 20) && weight_bytes <= (size_t(256) << 10) &&
           ring_floats * sizeof(float) <= (size_t(512) << 10);
}

// Depthwise output rows [row_begin, row_end) of the flattened (batch, oy) range. in: the convolution's input;
// mid_dims: its output's shape (the depthwise input); ptrs: conv_float_scratch slots; ring:
// conv_dw_ring_floats floats, 64-byte aligned.
template <class A>
inline void conv_dw_float_rows(const conv_float_packed& cv, const dw_float_packed& dw, const float* in,
                               const shape& in_dims, const shape& mid_dims, float* out, const shape& out_dims,
                               int64_t row_begin, int64_t row_end, const float** ptrs, float* ring) noexcept {
    const int32_t MH = mid_dims[1], MW = mid_dims[2], OH = out_dims[1], OW = out_dims[2], C = dw.C;
    const int32_t ring_rows = conv_dw_ring_rows(dw);
    const size_t stride = conv_dw_ring_stride(mid_dims);
    int32_t batch = -1, next = 0;  // the next convolution row to compute, in batch `batch`
    const float* rows[dw_float_max_taps];
    for (int64_t row = row_begin; row < row_end; ++row) {
        const int32_t b = int32_t(row / OH), oy = int32_t(row % OH);
        const int32_t top = oy * dw.stride_h - dw.pad_h;
        const int32_t lo = std::max(0, top), hi = std::min(MH - 1, top + (dw.KH - 1) * dw.dilation_h);
        if (b != batch) batch = b, next = lo;
        next = std::max(next, lo);  // rows no output row reads (stride above the kernel's span) are skipped
        for (; next <= hi; ++next) {
            const int64_t m0 = (int64_t(b) * MH + next) * MW;
            conv_float_rows_at<A>(cv, in, in_dims, mid_dims, m0, m0 + MW, 0, cv.g.panels, ptrs,
                                  ring + size_t(next % ring_rows) * stride);
        }
        for (int32_t ky = 0; ky < dw.KH; ++ky) {
            const int32_t iy = top + ky * dw.dilation_h;
            rows[ky] = (iy < 0 || iy >= MH) ? dw.zeros.data() : ring + size_t(iy % ring_rows) * stride;
        }
        dw_float_row<A>(dw, rows, MW, OW, out + row * int64_t(OW) * C);
    }
}

}  // namespace flatnn::cpu
