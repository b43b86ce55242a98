#pragma once
// Quantized DEPTHWISE_CONV_2D (uint8 / int8, depth multiplier 1, any kernel size up to 5x5, strides, dilation,
// padding). Channels are vectorized: taps are taken in pairs, the two input vectors interleaved and multiplied
// with pre-interleaved int16 weight pairs by a 16-bit multiply-add. The input offset is folded into the bias
// (sum (x + io) w = sum x w + io sum w), so raw inputs are multiplied; a tap outside the input reads a row of the
// input zero point, whose x + io is 0, so it contributes exactly 0 as in the reference. Requantization and the
// activation clamp are fused. Bit-identical to reference::depthwise_conv_2d_quantized (sums modulo 2^32).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/cpu/int_simd.hpp"
#include "flatnn/reference/depthwise_conv_2d.hpp"

namespace flatnn::cpu {

inline constexpr int32_t dw_max_taps = 25;

struct dw_packed {
    reference::depthwise_conv_2d_params p;
    int32_t C = 0, Cp = 0, KH = 0, KW = 0, pairs = 0, vc = 0;  // vc: channels per block
    aligned_vector<int16_t> w;  // [Cp/vc][pairs][2 (lo, hi)][vc] int16, tap pairs interleaved in lane order
    aligned_vector<int32_t> bias;  // Cp, lane order (lo lanes then hi lanes per block); + io * sum of the taps' weights
    requant_table rq;           // Cp lanes, same order as bias
    std::vector<uint8_t> pad_row;  // Cp + 64 bytes of the input zero point: what a tap outside the input reads
};

// vc: int16 lanes of the chosen arch (channels per block).
inline void pack_dw(dw_packed& pk, const reference::depthwise_conv_2d_params& p, const tensor& filter,
                    const tensor* bias, int32_t vc) {
    pk.p = p;
    pk.KH = filter.dims[1];
    pk.KW = filter.dims[2];
    pk.C = filter.dims[3];
    pk.vc = vc;
    pk.Cp = (pk.C + vc - 1) / vc * vc;
    const int32_t taps = pk.KH * pk.KW;
    pk.pairs = (taps + 1) / 2;
    pk.w.assign(size_t(pk.Cp / vc) * size_t(pk.pairs) * 2 * size_t(vc), 0);
    pk.bias.assign(size_t(pk.Cp), 0);
    pk.rq.resize(size_t(pk.Cp));
    pk.pad_row.assign(size_t(pk.Cp) + 64, uint8_t(-p.q.input_offset));  // the zero point's byte, int8 or uint8
    const bool is_u8 = filter.type == dtype::uint8;
    const int32_t half_lanes = vc / 2;  // int32 lanes per register
    for (int32_t blk = 0; blk < pk.Cp / vc; ++blk)
        for (int32_t h = 0; h < 2; ++h)
            for (int32_t j = 0; j < half_lanes; ++j) {
                const int32_t c = blk * vc + dw_lane_channel(j, h != 0);
                const size_t lane = size_t(blk * vc + h * half_lanes + j);
                if (c >= pk.C) continue;
                uint32_t wsum = 0;
                pk.rq.set(lane, p.q.multiplier[size_t(c)], p.q.shift[size_t(c)]);
                for (int32_t t = 0; t < taps; ++t) {
                    const size_t src = size_t(t) * size_t(pk.C) + size_t(c);
                    const int32_t v = (is_u8 ? int32_t(filter.data_as<uint8_t>()[src])
                                             : int32_t(filter.data_as<int8_t>()[src])) + p.q.filter_offset;
                    const size_t base = ((size_t(blk) * size_t(pk.pairs) + size_t(t / 2)) * 2 + size_t(h)) * size_t(vc);
                    pk.w[base + size_t(j) * 2 + size_t(t % 2)] = int16_t(v);
                    wsum += uint32_t(v);
                }
                const uint32_t b = bias ? uint32_t(bias->data_as<int32_t>()[c]) : 0u;
                pk.bias[lane] = int32_t(b + uint32_t(p.q.input_offset) * wsum);
            }
}

// Calls pixel(o, tap_at) for each output pixel of rows [row_begin, row_end) of the flattened (batch, oy) range:
// o is the pixel's output, tap_at(t) the input pixel of tap t (the `pad` row where the tap lies outside the
// input, and for every t from taps on: the kernels round the tap count up with zero weights).
template <class T, class Pixel>
inline void dw_for_each_pixel(const reference::depthwise_conv_2d_params& p, int32_t KH, int32_t KW,
                              tensor_view<const T> in, tensor_view<T> out, const T* pad, int64_t row_begin,
                              int64_t row_end, Pixel&& pixel) noexcept {
    constexpr int32_t max_taps = dw_max_taps + 3;
    const int32_t H = in.dims[1], W = in.dims[2], C = in.dims[3], OH = out.dims[1], OW = out.dims[2];
    const int32_t taps = KH * KW;
    const T* tap[max_taps];
    const T* row[dw_max_taps];  // per kernel row: the input row, or null when outside the input
    for (int32_t t = taps; t < max_taps; ++t) tap[t] = pad;
    // Offsets of the taps from the first one, for pixels whose taps all lie inside the input (no table to fill).
    int64_t off[dw_max_taps];
    for (int32_t ky = 0, t = 0; ky < KH; ++ky)
        for (int32_t kx = 0; kx < KW; ++kx, ++t)
            off[t] = (int64_t(ky) * p.dilation_h * W + int64_t(kx) * p.dilation_w) * C;
    for (int64_t r = row_begin; r < row_end; ++r) {
        const int32_t b = int32_t(r / OH), oy = int32_t(r % OH);
        bool rows_inside = true;
        for (int32_t ky = 0; ky < KH; ++ky) {
            const int32_t iy = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
            row[ky] = (iy < 0 || iy >= H) ? nullptr : in.data + (int64_t(b) * H + iy) * W * C;
            rows_inside = rows_inside && row[ky];
        }
        for (int32_t ox = 0; ox < OW; ++ox) {
            const int32_t ix0 = ox * p.stride_w - p.pad_w;
            const bool inside = ix0 >= 0 && ix0 + (KW - 1) * p.dilation_w < W;
            T* o = out.data + ((int64_t(b) * OH + oy) * OW + ox) * C;
            if (rows_inside && inside) {
                const T* base = row[0] + int64_t(ix0) * C;
                pixel(o, [&](int32_t t) { return t >= taps ? pad : base + off[t]; });
                continue;
            }
            for (int32_t ky = 0, t = 0; ky < KH; ++ky)
                for (int32_t kx = 0; kx < KW; ++kx, ++t) {
                    const int32_t ix = ix0 + kx * p.dilation_w;
                    tap[t] = row[ky] && ix >= 0 && ix < W ? row[ky] + int64_t(ix) * C : pad;
                }
            pixel(o, [&](int32_t t) { return tap[t]; });
        }
    }
}

// Output rows [row_begin, row_end) of the flattened (batch, oy) range.
template <class T, class A>
inline void dw_rows(const dw_packed& pk, tensor_view<const T> in, tensor_view<T> out, int64_t row_begin,
                    int64_t row_end) noexcept {
    using O = int_ops<A>;
    using reg = typename O::reg;
    const int32_t C = pk.C;
    const auto& p = pk.p;
    const int32_t vc = O::lanes16;
    const reg lo16 = O::set16(int16_t(p.q.act_min)), hi16 = O::set16(int16_t(p.q.act_max));
    const int32_t zp = p.q.output_zero_point;
    const size_t qs = pk.rq.stride;
    alignas(64) T tail[64] = {};  // bounce buffer for a partial channel block at the end of the tensor
    const T* const in_end = in.data + int64_t(in.dims[0]) * in.dims[1] * in.dims[2] * C;
    const T* const pad = reinterpret_cast<const T*>(pk.pad_row.data());
    // One pixel's channel blocks; tap_at(t) gives tap t's input pixel (the pad row for the odd tap's partner,
    // whose weights are 0).
    dw_for_each_pixel<T>(p, pk.KH, pk.KW, in, out, pad, row_begin, row_end, [&](T* o, auto tap_at) {
        for (int32_t c0 = 0; c0 < C; c0 += vc) {
            const int32_t count = std::min(vc, C - c0);
            const size_t blk = size_t(c0 / vc);
            const int16_t* wp = pk.w.data() + blk * size_t(pk.pairs) * 2 * size_t(vc);
            reg acc_lo = O::load(pk.bias.data() + c0), acc_hi = O::load(pk.bias.data() + c0 + vc / 2);
            for (int32_t pr = 0; pr < pk.pairs; ++pr, wp += 2 * vc) {
                reg x[2];
                for (int k = 0; k < 2; ++k) {
                    const T* s = tap_at(2 * pr + k);
                    if (count == vc || s == pad || s + c0 + vc <= in_end) {
                        // a partial block may read the next pixel's channels: their weights are zero and
                        // their lanes are not stored
                        x[k] = O::template widen<T>(s + c0);
                    } else {  // partial block at the end: never read past the tensor
                        std::memcpy(tail, s + c0, size_t(count));
                        x[k] = O::template widen<T>(tail);
                    }
                }
                acc_lo = O::add32(acc_lo, O::madd(O::unpack_lo(x[0], x[1]), O::load(wp)));
                acc_hi = O::add32(acc_hi, O::madd(O::unpack_hi(x[0], x[1]), O::load(wp + vc)));
            }
            const int32_t* q = pk.rq.v.data() + c0;
            const reg vlo = O::requant(acc_lo, q, qs, zp), vhi = O::requant(acc_hi, q + vc / 2, qs, zp);
            O::template store_narrow<T>(o + c0, O::clamp16(O::pack_dw(vlo, vhi), lo16, hi16), count);
        }
    });
}

}  // namespace flatnn::cpu
