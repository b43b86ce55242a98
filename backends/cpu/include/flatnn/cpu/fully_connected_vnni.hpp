#pragma once
// int8 FULLY_CONNECTED (int8 weights, zero weight offset) on VNNI: the rows (batches) are the input's, flipped to
// u8 as the VNNI convolution gathers them, and the sums come from the convolution's accumulators
// (conv_2d_quantized_vnni.hpp) over its packed weight panels: a quarter of the int16 GEMM's instructions, and half
// its weight bytes, which matters most here (one batch row reads every weight once: 1.3 MB for MobileNet v2's
// classifier). The epilogue is the reference's, value by value: round(acc * scale) in double precision, plus the
// output zero point, clamped. Bit-identical to reference::fully_connected_quantized.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "flatnn/cpu/conv_2d_quantized_vnni.hpp"  // defines FLATNN_CPU_VNNI where the flags enable VNNI
#include "flatnn/reference/fully_connected.hpp"

#ifdef FLATNN_CPU_VNNI

namespace flatnn::cpu {

struct fc_vnni_packed {
    conv_vnni_packed g;         // the weights as a 1x1 convolution's panels; g.rq is not used
    std::vector<double> scale;  // per unit, s_in * s_w[o] / s_out
    int32_t output_zero_point = 0, act_min = 0, act_max = 0;
    int32_t units = 0, K = 0;
};

inline bool fc_vnni_applies(const tensor& input, const tensor& weights, const reference::fully_connected_params& p) noexcept {
    return input.type == dtype::int8 && weights.type == dtype::int8 && p.q.filter_offset == 0;
}

// weights [units, K] int8; bias int32 [units] or null; zmm: 32-channel panels where 512-bit VNNI is compiled in.
inline void pack_fc_vnni(fc_vnni_packed& pk, const reference::fully_connected_params& p, const tensor& weights,
                         const tensor* bias, bool zmm) {
    reference::conv_2d_params cp;  // stride 1, no padding, no dilation
    cp.q = p.q;
    cp.q.multiplier.assign(size_t(p.units), 1 << 30);  // placeholders for the unused requantization table
    cp.q.shift.assign(size_t(p.units), 0);
    tensor f;
    f.type = weights.type;
    f.dims = shape{p.units, 1, 1, p.input_size};
    f.data = weights.data;
    f.bytes = weights.bytes;
    pack_conv_vnni(pk.g, cp, f, bias, conv_vnni_panel_width(p.units, zmm));
    pk.scale = p.scale;
    pk.output_zero_point = p.q.output_zero_point;
    pk.act_min = p.q.act_min;
    pk.act_max = p.q.act_max;
    pk.units = p.units;
    pk.K = p.input_size;
}

inline constexpr int32_t fc_vnni_block_rows = 8;

// Scratch bytes one worker needs: a block of u8 rows, then its int32 sums.
inline size_t fc_vnni_scratch(const fc_vnni_packed& pk) noexcept {
    return size_t(fc_vnni_block_rows) * (size_t(pk.g.K4) + size_t(pk.g.NR) * sizeof(int32_t)) + 64;
}

namespace detail {
template <class T>
inline void fc_vnni_store(const fc_vnni_packed& pk, const int32_t* sums, int32_t n0, int32_t count, T* out) noexcept {
    for (int32_t j = 0; j < count; ++j) {
        const int32_t v = int32_t(uint32_t(reference::rescale_double(sums[j], pk.scale[size_t(n0 + j)])) +
                                  uint32_t(pk.output_zero_point));
        out[j] = T(std::min(std::max(v, pk.act_min), pk.act_max));
    }
}

template <int R>
inline void fc_vnni_tile(const fc_vnni_packed& pk, const uint8_t* a, const int8_t* wp, int32_t n0, int32_t count,
                         int32_t* sums, int8_t* out) noexcept {
#ifdef FLATNN_CPU_VNNI512
    if (pk.g.NR == 32) {
        __m512i acc[R][2];
        conv_vnni_accumulate512<R>(pk.g, a, wp, n0, acc);
        for (int r = 0; r < R; ++r) {
            _mm512_storeu_si512(sums, acc[r][0]);
            _mm512_storeu_si512(sums + 16, acc[r][1]);
            fc_vnni_store(pk, sums, n0, count, out + size_t(r) * size_t(pk.units));
        }
        return;
    }
#endif
    __m256i acc[R][2];
    conv_vnni_accumulate<R>(pk.g, a, wp, n0, acc);
    for (int r = 0; r < R; ++r) {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(sums), acc[r][0]);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(sums + 8), acc[r][1]);
        fc_vnni_store(pk, sums, n0, count, out + size_t(r) * size_t(pk.units));
    }
}
}  // namespace detail

inline int32_t fc_vnni_panels(const fc_vnni_packed& pk) noexcept { return (pk.units + pk.g.NR - 1) / pk.g.NR; }

// Output rows (batches) [b_begin, b_end) x weight panels [p0, p1) with `scratch` of fc_vnni_scratch bytes.
// in: [rows, K]; out: [rows, units].
inline void fc_vnni_rows(const fc_vnni_packed& pk, const int8_t* in, int8_t* out, int64_t b_begin, int64_t b_end,
                         int32_t p0, int32_t p1, uint8_t* scratch) noexcept {
    const size_t K4 = size_t(pk.g.K4), panel_bytes = K4 * size_t(pk.g.NR);
    uint8_t* rows_u8 = scratch;
    int32_t* sums = reinterpret_cast<int32_t*>(scratch + (size_t(fc_vnni_block_rows) * K4 + 63) / 64 * 64);
    for (int64_t b0 = b_begin; b0 < b_end; b0 += fc_vnni_block_rows) {
        const int32_t rows = int32_t(std::min<int64_t>(fc_vnni_block_rows, b_end - b0));
        for (int32_t r = 0; r < rows; ++r) {
            uint8_t* d = rows_u8 + size_t(r) * K4;
            copy_flipped(d, in + (b0 + r) * pk.K, pk.K);
            std::fill(d + pk.K, d + K4, uint8_t(0));  // past K: zero weights
        }
        for (int32_t n0 = p0 * pk.g.NR; n0 < std::min(pk.units, p1 * pk.g.NR); n0 += pk.g.NR) {
            const int8_t* wp = pk.g.w.data() + size_t(n0 / pk.g.NR) * panel_bytes;
            const int32_t count = std::min(pk.g.NR, pk.units - n0);
            int8_t* o = out + b0 * pk.units + n0;
            int32_t r = 0;
            for (; r + 4 <= rows; r += 4) detail::fc_vnni_tile<4>(pk, rows_u8 + size_t(r) * K4, wp, n0, count, sums, o + r * pk.units);
            for (; r < rows; ++r) detail::fc_vnni_tile<1>(pk, rows_u8 + size_t(r) * K4, wp, n0, count, sums, o + r * pk.units);
        }
    }
}

}  // namespace flatnn::cpu
#endif
