#pragma once
// int8 DEPTHWISE_CONV_2D (int8 weights, zero weight offset, depth multiplier 1, up to 5x5 taps) on 512-bit VNNI:
// vpdpbusd adds four u8 x s8 products into each int32 lane, so taps are taken four at a time. The four taps'
// input vectors (64 channels each, u8 = x + 128 by an exclusive-or of the sign bit) are interleaved by two rounds
// of unpacks into four vectors whose 32-bit lanes hold one channel's four taps; the weights are packed at prepare
// in that lane order, and so are the bias and requantization parameters. Two rounds of packs then put the
// requantized lanes back in channel order. Half the shuffles of the 16-bit multiply-add kernel and a quarter of
// its multiply-adds per tap. As in the VNNI convolution, 128 * sum(w) and the input offset are folded into the
// bias, and a tap outside the input (or past the kernel's taps, with zero weights) reads a row of the input zero
// point, which contributes exactly 0. Bit-identical to reference::depthwise_conv_2d_quantized (sums modulo 2^32).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "flatnn/cpu/conv_2d_quantized_vnni.hpp"  // defines FLATNN_CPU_VNNI512 where the flags enable it
#include "flatnn/cpu/depthwise_conv_2d_quantized.hpp"

#ifdef FLATNN_CPU_VNNI512
namespace flatnn::cpu {

struct dw_vnni_packed {
    reference::depthwise_conv_2d_params p;
    int32_t C = 0, Cp = 0, KH = 0, KW = 0, groups = 0;  // groups of four taps
    aligned_vector<int8_t> w;   // [Cp/64][groups][4 vectors][16 lanes][4 taps]
    aligned_vector<int32_t> bias;  // Cp, lane order: bias + (input_offset - 128) * sum of the taps' weights
    requant_table rq;           // Cp lanes, lane order
    std::vector<int8_t> pad_row;  // Cp + 64 bytes of the input zero point
};

// Channel of lane i (0..15) of interleaved vector j (0..3), within a block of 64: the unpacks work inside 128-bit
// lanes, so vector j holds channels 16 * (i / 4) + 4 * j + i % 4.
inline int32_t dw_vnni_lane_channel(int32_t j, int32_t i) noexcept { return 16 * (i / 4) + 4 * j + i % 4; }

inline bool dw_vnni_applies(const tensor& input, const tensor& filter, const reference::depthwise_conv_2d_params& p) noexcept {
    return input.type == dtype::int8 && filter.type == dtype::int8 && p.q.filter_offset == 0 &&
           p.depth_multiplier == 1 && filter.dims[1] * filter.dims[2] <= dw_max_taps;
}

// filter [1, KH, KW, C] int8; bias int32 [C] or null.
inline void pack_dw_vnni(dw_vnni_packed& pk, const reference::depthwise_conv_2d_params& p, const tensor& filter,
                         const tensor* bias) {
    pk.p = p;
    pk.KH = filter.dims[1];
    pk.KW = filter.dims[2];
    pk.C = filter.dims[3];
    pk.Cp = (pk.C + 63) / 64 * 64;
    const int32_t taps = pk.KH * pk.KW;
    pk.groups = (taps + 3) / 4;
    pk.w.assign(size_t(pk.Cp / 64) * size_t(pk.groups) * 256, 0);
    pk.bias.assign(size_t(pk.Cp), 0);
    pk.rq.resize(size_t(pk.Cp));
    pk.pad_row.assign(size_t(pk.Cp) + 64, int8_t(-p.q.input_offset));
    const int8_t* fw = filter.data_as<int8_t>();
    for (int32_t blk = 0; blk < pk.Cp / 64; ++blk)
        for (int32_t j = 0; j < 4; ++j)
            for (int32_t i = 0; i < 16; ++i) {
                const int32_t c = blk * 64 + dw_vnni_lane_channel(j, i);
                const size_t lane = size_t(blk) * 64 + size_t(j) * 16 + size_t(i);
                if (c >= pk.C) continue;
                uint32_t wsum = 0;
                for (int32_t t = 0; t < taps; ++t) {
                    const int8_t v = fw[size_t(t) * size_t(pk.C) + size_t(c)];
                    wsum += uint32_t(int32_t(v));
                    pk.w[((size_t(blk) * size_t(pk.groups) + size_t(t / 4)) * 4 + size_t(j)) * 64 + size_t(i) * 4 +
                         size_t(t % 4)] = v;
                }
                const uint32_t b = bias ? uint32_t(bias->data_as<int32_t>()[c]) : 0u;
                pk.bias[lane] = int32_t(b + uint32_t(p.q.input_offset - 128) * wsum);
                pk.rq.set(lane, p.q.multiplier[size_t(c)], p.q.shift[size_t(c)]);
            }
}

// Output rows [row_begin, row_end) of the flattened (batch, oy) range.
inline void dw_vnni_rows(const dw_vnni_packed& pk, tensor_view<const int8_t> in, tensor_view<int8_t> out,
                         int64_t row_begin, int64_t row_end) noexcept {
    using O = int_ops<xsimd::avx512bw>;
    const int32_t C = pk.C;
    const auto& q = pk.p.q;
    const __m512i lo = _mm512_set1_epi8(int8_t(q.act_min)), hi = _mm512_set1_epi8(int8_t(q.act_max));
    const __m512i flip = _mm512_set1_epi8(int8_t(-128));
    const size_t qs = pk.rq.stride;
    const int8_t* const in_end = in.data + int64_t(in.dims[0]) * in.dims[1] * in.dims[2] * C;
    const int8_t* const pad = pk.pad_row.data();
    dw_for_each_pixel<int8_t>(pk.p, pk.KH, pk.KW, in, out, pad, row_begin, row_end, [&](int8_t* o, auto tap_at) {
        for (int32_t c0 = 0; c0 < C; c0 += 64) {
            const int32_t count = std::min(64, C - c0);
            const int8_t* wp = pk.w.data() + size_t(c0 / 64) * size_t(pk.groups) * 256;
            __m512i acc[4];
            for (int j = 0; j < 4; ++j) acc[j] = O::load(pk.bias.data() + c0 + 16 * j);
            for (int32_t g = 0; g < pk.groups; ++g, wp += 256) {
                __m512i x[4];
                for (int k = 0; k < 4; ++k) {
                    const int8_t* s = tap_at(4 * g + k);
                    if (count == 64 || s == pad || s + c0 + 64 <= in_end) {
                        // a partial block may read the next pixel's channels: their weights are zero and their
                        // lanes are not stored
                        x[k] = _mm512_loadu_si512(s + c0);
                    } else {  // partial block at the end of the tensor: never read past it
                        x[k] = _mm512_maskz_loadu_epi8(__mmask64((uint64_t(1) << count) - 1), s + c0);
                    }
                    x[k] = _mm512_xor_si512(x[k], flip);
                }
                const __m512i a = _mm512_unpacklo_epi8(x[0], x[1]), b = _mm512_unpackhi_epi8(x[0], x[1]);
                const __m512i c = _mm512_unpacklo_epi8(x[2], x[3]), d = _mm512_unpackhi_epi8(x[2], x[3]);
                acc[0] = _mm512_dpbusd_epi32(acc[0], _mm512_unpacklo_epi16(a, c), O::load(wp));
                acc[1] = _mm512_dpbusd_epi32(acc[1], _mm512_unpackhi_epi16(a, c), O::load(wp + 64));
                acc[2] = _mm512_dpbusd_epi32(acc[2], _mm512_unpacklo_epi16(b, d), O::load(wp + 128));
                acc[3] = _mm512_dpbusd_epi32(acc[3], _mm512_unpackhi_epi16(b, d), O::load(wp + 192));
            }
            const int32_t* rq = pk.rq.v.data() + c0;
            __m512i v[4];
            for (int j = 0; j < 4; ++j) v[j] = O::requant(acc[j], rq + 16 * j, qs, q.output_zero_point);
            // packs work inside 128-bit lanes: lane L of the result is channels 16L .. 16L + 15, in order
            const __m512i r = _mm512_packs_epi16(_mm512_packs_epi32(v[0], v[1]), _mm512_packs_epi32(v[2], v[3]));
            const __m512i y = _mm512_min_epi8(_mm512_max_epi8(r, lo), hi);
            if (count == 64) _mm512_storeu_si512(o + c0, y);
            else _mm512_mask_storeu_epi8(o + c0, __mmask64((uint64_t(1) << count) - 1), y);
        }
    });
}

}  // namespace flatnn::cpu
#endif
