#pragma once
// Quantized CONV_2D (uint8 / int8, one group) as a GEMM: rows are output pixels, columns output channels, the inner
// dimension K = KH*KW*C. A block of rows is gathered into int16 (no full im2col buffer; padding takes the input
// zero point, so it contributes exactly 0); weights are packed once into NR-channel panels of int16 pairs for a
// 16-bit multiply-add (vpmaddwd); the input offset is folded into the bias; requantization, zero point and
// activation clamp run in the epilogue. Every step is exact integer arithmetic, so the output is bit-identical to
// reference::conv_2d_quantized.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/cpu/int_simd.hpp"
#include "flatnn/cpu/thread_pool.hpp"
#include "flatnn/reference/conv_2d.hpp"

namespace flatnn::cpu {

struct conv_gemm_packed {
    reference::conv_2d_params p;
    int32_t K = 0, Kp = 0, OC = 0, OCp = 0, NR = 0;
    int32_t KH = 0, KW = 0;
    aligned_vector<int16_t> w;  // [OCp/NR][Kp/2][NR][2]
    aligned_vector<int32_t> bias;  // OCp: bias + input_offset * sum_k(w + filter_offset)
    requant_table rq;           // OCp lanes, natural channel order
    int32_t pad_value = 0;      // raw input value whose offset value is 0
};

// nr: channels per panel (2 vectors of int32 lanes of the chosen arch).
inline void pack_conv_gemm(conv_gemm_packed& pk, const reference::conv_2d_params& p,
                           const tensor& filter, const tensor* bias, int32_t nr) {
    pk.p = p;
    const int32_t OC = filter.dims[0], KH = filter.dims[1], KW = filter.dims[2], C = filter.dims[3];
    pk.KH = KH;
    pk.KW = KW;
    pk.OC = OC;
    pk.NR = nr;
    pk.K = KH * KW * C;
    pk.Kp = (pk.K + 1) / 2 * 2;
    pk.OCp = (OC + nr - 1) / nr * nr;
    pk.pad_value = -p.q.input_offset;
    pk.w.assign(size_t(pk.OCp) * size_t(pk.Kp), 0);
    pk.bias.assign(size_t(pk.OCp), 0);
    pk.rq.resize(size_t(pk.OCp));
    const bool is_u8 = filter.type == dtype::uint8;
    for (int32_t oc = 0; oc < OC; ++oc) {
        uint32_t wsum = 0;  // wrapping, as the reference's int32 accumulation
        const size_t panel = size_t(oc / nr), n = size_t(oc % nr);
        for (int32_t k = 0; k < pk.K; ++k) {
            const size_t src = size_t(oc) * size_t(pk.K) + size_t(k);
            const int32_t v = (is_u8 ? int32_t(filter.data_as<uint8_t>()[src]) : int32_t(filter.data_as<int8_t>()[src])) +
                              p.q.filter_offset;
            wsum += uint32_t(v);
            pk.w[((panel * size_t(pk.Kp / 2) + size_t(k / 2)) * size_t(nr) + n) * 2 + size_t(k % 2)] = int16_t(v);
        }
        const int32_t b = bias ? bias->data_as<int32_t>()[oc] : 0;
        pk.bias[size_t(oc)] = int32_t(uint32_t(b) + uint32_t(p.q.input_offset) * wsum);
        pk.rq.set(size_t(oc), p.q.multiplier[size_t(oc)], p.q.shift[size_t(oc)]);
    }
}

// Gathers output pixels [m0, m0 + rows) into `dst` (rows x Kp int16, plus lanes16 of slack).
template <class T, class A>
inline void conv_gemm_gather(const conv_gemm_packed& pk, const T* in, const shape& in_dims, const shape& out_dims,
                             int64_t m0, int32_t rows, int16_t* dst) noexcept {
    using O = int_ops<A>;
    const int32_t H = in_dims[1], W = in_dims[2], C = in_dims[3], OH = out_dims[1], OW = out_dims[2];
    const auto& p = pk.p;
    for (int32_t r = 0; r < rows; ++r) {
        const int64_t m = m0 + r;
        const int32_t b = int32_t(m / (int64_t(OH) * OW));
        const int32_t oy = int32_t(m / OW % OH), ox = int32_t(m % OW);
        int16_t* d = dst + size_t(r) * size_t(pk.Kp);
        const int32_t ix0 = ox * p.stride_w - p.pad_w, ix_last = ix0 + (pk.KW - 1) * p.dilation_w;
        const bool row_inside = p.dilation_w == 1 && ix0 >= 0 && ix_last < W;
        const int32_t span = pk.KW * C;  // one kernel row, contiguous in the input when row_inside
        for (int32_t ky = 0; ky < pk.KH; ++ky) {
            const int32_t iy = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
            if (row_inside && iy >= 0 && iy < H) {  // small C (the RGB stem): one span instead of KW taps
                const T* s = in + ((int64_t(b) * H + iy) * W + ix0) * C;
                int32_t c = 0;
                for (; c + O::lanes16 <= span; c += O::lanes16) O::store(d + c, O::template widen<T>(s + c));
                for (; c < span; ++c) d[c] = int16_t(s[c]);
                d += span;
                continue;
            }
            for (int32_t kx = 0; kx < pk.KW; ++kx, d += C) {
                const int32_t ix = ox * p.stride_w - p.pad_w + kx * p.dilation_w;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) {
                    std::fill(d, d + C, int16_t(pk.pad_value));
                    continue;
                }
                const T* s = in + ((int64_t(b) * H + iy) * W + ix) * C;
                int32_t c = 0;
                // Vector stores may run past this tap; later taps and rows overwrite it, the slack absorbs the end.
                for (; c + O::lanes16 <= C; c += O::lanes16) O::store(d + c, O::template widen<T>(s + c));
                for (; c < C; ++c) d[c] = int16_t(s[c]);
            }
        }
        if (pk.Kp > pk.K) dst[size_t(r) * size_t(pk.Kp) + size_t(pk.K)] = 0;
    }
}

// The int32 sums (bias and input offset included) of R gathered rows x one NR-channel panel, channels in natural
// order: acc[r][0] holds channels n0.., acc[r][1] the next lanes32.
template <class A, int R>
inline void conv_gemm_accumulate(const conv_gemm_packed& pk, const int16_t* a, const int16_t* wp, int32_t n0,
                                 typename int_ops<A>::reg (&acc)[R][2]) noexcept {
    using O = int_ops<A>;
    using reg = typename O::reg;
    const size_t Kp = size_t(pk.Kp);
    const reg b0 = O::load(pk.bias.data() + n0), b1 = O::load(pk.bias.data() + n0 + O::lanes32);
    for (int r = 0; r < R; ++r) acc[r][0] = b0, acc[r][1] = b1;
    for (size_t kp = 0; kp < Kp / 2; ++kp, wp += 2 * O::lanes16) {
        const reg w0 = O::load(wp), w1 = O::load(wp + O::lanes16);
        for (int r = 0; r < R; ++r) {
            const reg x = O::bcast32(a + size_t(r) * Kp + 2 * kp);
            acc[r][0] = O::add32(acc[r][0], O::madd(x, w0));
            acc[r][1] = O::add32(acc[r][1], O::madd(x, w1));
        }
    }
}

// R rows x one NR-channel panel.
template <class T, class A, int R>
inline void conv_gemm_tile(const conv_gemm_packed& pk, const int16_t* a, const int16_t* wp, int32_t n0, T* out,
                           int32_t count) noexcept {
    using O = int_ops<A>;
    using reg = typename O::reg;
    reg acc[R][2];
    conv_gemm_accumulate<A, R>(pk, a, wp, n0, acc);
    const int32_t* q = pk.rq.v.data() + n0;
    const size_t qs = pk.rq.stride;
    const reg lo = O::set16(int16_t(pk.p.q.act_min)), hi = O::set16(int16_t(pk.p.q.act_max));
    const int32_t zp = pk.p.q.output_zero_point;
    for (int r = 0; r < R; ++r) {
        const reg v0 = O::requant(acc[r][0], q, qs, zp);
        const reg v1 = O::requant(acc[r][1], q + O::lanes32, qs, zp);
        O::template store_narrow<T>(out + size_t(r) * size_t(pk.OC), O::clamp16(O::pack_gemm(v0, v1), lo, hi), count);
    }
}

template <class A>
struct conv_gemm_tiling {
    static constexpr int mr = 4;
};

// Scratch int16 elements one worker needs.
template <class A>
inline size_t conv_gemm_scratch(const conv_gemm_packed& pk, int32_t mc) noexcept {
    return size_t(mc) * size_t(pk.Kp) + size_t(int_ops<A>::lanes16);
}

// Rows per gathered block: keep the block within ~128 KiB of L2.
inline int32_t conv_gemm_block_rows(const conv_gemm_packed& pk, int mr) noexcept {
    int32_t mc = int32_t(65536 / std::max(pk.Kp, 1));
    mc = std::max(mr, std::min(mc, 256) / mr * mr);
    return mc;
}

// Output rows [m_begin, m_end) with `scratch` of conv_gemm_scratch elements.
template <class T, class A>
inline void conv_gemm_rows(const conv_gemm_packed& pk, tensor_view<const T> in, tensor_view<T> out, int64_t m_begin,
                           int64_t m_end, int16_t* scratch) noexcept {
    constexpr int MR = conv_gemm_tiling<A>::mr;
    const int32_t MC = conv_gemm_block_rows(pk, MR);
    const size_t panel_elems = size_t(pk.Kp) * size_t(pk.NR);
    for (int64_t m0 = m_begin; m0 < m_end; m0 += MC) {
        const int32_t mc = int32_t(std::min<int64_t>(MC, m_end - m0));
        conv_gemm_gather<T, A>(pk, in.data, in.dims, out.dims, m0, mc, scratch);
        for (int32_t n0 = 0; n0 < pk.OC; n0 += pk.NR) {
            const int16_t* wp = pk.w.data() + size_t(n0 / pk.NR) * panel_elems;
            const int32_t count = std::min(pk.NR, pk.OC - n0);
            T* o = out.data + m0 * pk.OC + n0;
            const int16_t* a = scratch;
            int32_t r = 0;
            for (; r + MR <= mc; r += MR, a += MR * pk.Kp, o += MR * pk.OC)
                conv_gemm_tile<T, A, MR>(pk, a, wp, n0, o, count);
            switch (mc - r) {
                case 3: conv_gemm_tile<T, A, 3>(pk, a, wp, n0, o, count); break;
                case 2: conv_gemm_tile<T, A, 2>(pk, a, wp, n0, o, count); break;
                case 1: conv_gemm_tile<T, A, 1>(pk, a, wp, n0, o, count); break;
                default: break;
            }
        }
    }
}

}  // namespace flatnn::cpu
