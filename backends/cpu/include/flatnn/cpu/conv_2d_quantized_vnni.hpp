#pragma once
// int8 CONV_2D (int8 weights, symmetric, one group) on VNNI: vpdpbusd adds four u8 x s8 products into each int32
// lane, four times the work per instruction of the 16-bit multiply-add (conv_2d_quantized.hpp). Activations enter
// as u8 = x + 128 (an exclusive-or of the sign bit while gathering); the 128 * sum(w) this adds, like the input
// zero point, is folded into the bias at prepare. Every step is int32 arithmetic modulo 2^32, so any result the
// reference's int32 sum represents is reproduced bit for bit; the epilogue is the AVX2 one.
//
// Compiled when the flags enable 256-bit VNNI (AVX512-VNNI with AVX512VL, or AVX-VNNI); chosen at the AVX-512 level
// when the running CPU reports it. Panels are 16 channels wide (two ymm accumulators per row) or, where the flags
// enable 512-bit VNNI, 32 channels (two zmm per row, 8 rows per tile: 16 accumulators, four times the multiply-adds
// per instruction of the ymm tile's 6 x 16).
#if (defined(__AVX512VNNI__) && defined(__AVX512VL__)) || defined(__AVXVNNI__)
#define FLATNN_CPU_VNNI 1
#if defined(__AVX512VNNI__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#define FLATNN_CPU_VNNI512 1
#endif
#include <cpuid.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/cpu/int_simd.hpp"
#include "flatnn/reference/conv_2d.hpp"

namespace flatnn::cpu {

// CPUID leaf 7: AVX512-VNNI is ECX bit 11 of subleaf 0 (with AVX512VL, EBX bit 31); AVX-VNNI is EAX bit 4 of
// subleaf 1.
inline bool cpu_has_vnni256() noexcept {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
#if defined(__AVX512VNNI__) && defined(__AVX512VL__)
    if ((c >> 11 & 1) && (b >> 31 & 1)) return true;
#endif
#if defined(__AVXVNNI__)
    unsigned a1 = 0, b1 = 0, c1 = 0, d1 = 0;
    if (__get_cpuid_count(7, 1, &a1, &b1, &c1, &d1) && (a1 >> 4 & 1)) return true;
#endif
    return false;
}

// 512-bit VNNI: AVX512-VNNI (leaf 7 ECX bit 11) with AVX512BW (EBX bit 30) and AVX512VL (EBX bit 31), where compiled.
inline bool cpu_has_vnni512() noexcept {
#ifdef FLATNN_CPU_VNNI512
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return (c >> 11 & 1) && (b >> 30 & 1) && (b >> 31 & 1);
#else
    return false;
#endif
}

inline __m256i dpbusd(__m256i acc, __m256i u8, __m256i s8) noexcept {
#if defined(__AVX512VNNI__) && defined(__AVX512VL__)
    return _mm256_dpbusd_epi32(acc, u8, s8);
#else
    return _mm256_dpbusd_avx_epi32(acc, u8, s8);
#endif
}

struct conv_vnni_packed {
    reference::conv_2d_params p;
    int32_t NR = 16;  // channels per panel: two registers of 8 (ymm) or 16 (zmm) int32 lanes
    int32_t K = 0, K4 = 0, OC = 0, OCp = 0, KH = 0, KW = 0;
    aligned_vector<int8_t> w;   // [OCp/NR][K4/4][NR][4]
    aligned_vector<int32_t> bias;  // OCp: bias + (input_offset - 128) * sum_k(w)
    requant_table rq;           // OCp lanes, natural channel order
    uint8_t pad_value = 0;      // u8 form of the input zero point (its offset value is 0)
    int32_t row_sum_factor = 0;  // uint8 (AMX only): filter offset, times each gathered row's byte sum
};

// The VNNI kernel takes int8 input and int8 weights with a zero filter offset (TFLite's int8 convention).
inline bool conv_vnni_applies(const tensor& input, const tensor& filter, const reference::conv_2d_params& p) noexcept {
    return input.type == dtype::int8 && filter.type == dtype::int8 && p.q.filter_offset == 0;
}

// Panel width: 32 channels where 512-bit VNNI is compiled in and the layer has more than 16 output channels.
inline int32_t conv_vnni_panel_width(int32_t out_channels, bool zmm) noexcept {
#ifdef FLATNN_CPU_VNNI512
    if (zmm && out_channels > 16) return 32;
#endif
    (void)out_channels, (void)zmm;
    return 16;
}

inline void pack_conv_vnni(conv_vnni_packed& pk, const reference::conv_2d_params& p, const tensor& filter,
                           const tensor* bias, int32_t panel_width = 16) {
    pk.p = p;
    pk.NR = panel_width;
    const int32_t OC = filter.dims[0], C = filter.dims[3];
    pk.KH = filter.dims[1];
    pk.KW = filter.dims[2];
    pk.OC = OC;
    pk.K = pk.KH * pk.KW * C;
    pk.K4 = (pk.K + 3) / 4 * 4;
    pk.OCp = (OC + pk.NR - 1) / pk.NR * pk.NR;
    pk.pad_value = uint8_t(int32_t(-p.q.input_offset) + 128);
    pk.w.assign(size_t(pk.OCp) * size_t(pk.K4), 0);
    pk.bias.assign(size_t(pk.OCp), 0);
    pk.rq.resize(size_t(pk.OCp));
    const int8_t* src = filter.data_as<int8_t>();
    for (int32_t oc = 0; oc < OC; ++oc) {
        uint32_t wsum = 0;
        const size_t panel = size_t(oc / pk.NR), n = size_t(oc % pk.NR);
        for (int32_t k = 0; k < pk.K; ++k) {
            const int8_t v = src[size_t(oc) * size_t(pk.K) + size_t(k)];
            wsum += uint32_t(int32_t(v));
            pk.w[((panel * size_t(pk.K4 / 4) + size_t(k / 4)) * size_t(pk.NR) + n) * 4 + size_t(k % 4)] = v;
        }
        const int32_t b = bias ? bias->data_as<int32_t>()[oc] : 0;
        pk.bias[size_t(oc)] = int32_t(uint32_t(b) + uint32_t(p.q.input_offset - 128) * wsum);
        pk.rq.set(size_t(oc), p.q.multiplier[size_t(oc)], p.q.shift[size_t(oc)]);
    }
}

// d[0, n) = s[0, n) + 128 as u8 (the sign bit flipped), in 32/16/8-byte steps, never past either end.
inline void copy_flipped(uint8_t* d, const int8_t* s, int64_t n) noexcept {
    const __m256i sign = _mm256_set1_epi8(int8_t(-128));
    int64_t c = 0;
    for (; c + 32 <= n; c += 32)
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(d + c),
                            _mm256_xor_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + c)), sign));
    if (c + 16 <= n) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d + c),
                         _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + c)), _mm256_castsi256_si128(sign)));
        c += 16;
    }
    if (c + 8 <= n) {
        uint64_t v;
        std::memcpy(&v, s + c, 8);
        v ^= 0x8080808080808080ull;
        std::memcpy(d + c, &v, 8);
        c += 8;
    }
    for (; c < n; ++c) d[c] = uint8_t(s[c] ^ int8_t(-128));
}

// u8 bytes of n input values: int8 with the sign bit flipped, uint8 as they are.
inline void copy_u8(uint8_t* d, const int8_t* s, int64_t n) noexcept { copy_flipped(d, s, n); }
inline void copy_u8(uint8_t* d, const uint8_t* s, int64_t n) noexcept {
    if (n >= 16) return void(std::memcpy(d, s, size_t(n)));
    uint64_t a, b;  // short spans (the RGB stem's 9 bytes): two overlapping fixed-size moves, no library call
    if (n >= 8) {
        std::memcpy(&a, s, 8), std::memcpy(&b, s + n - 8, 8);
        std::memcpy(d, &a, 8), std::memcpy(d + n - 8, &b, 8);
        return;
    }
    for (int64_t i = 0; i < n; ++i) d[i] = s[i];
}

// Gathers output pixels [m0, m0 + rows) as u8 rows of K4 bytes (K4 - K zero bytes at the end, whose weights are 0).
template <class T>
inline void conv_vnni_gather(const conv_vnni_packed& pk, const T* in, const shape& in_dims, const shape& out_dims,
                             int64_t m0, int32_t rows, uint8_t* dst) noexcept {
    const int32_t H = in_dims[1], W = in_dims[2], C = in_dims[3], OH = out_dims[1], OW = out_dims[2];
    const auto& p = pk.p;
    if (pk.KH == 1 && pk.KW == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_h == 0 && p.pad_w == 0 &&
        pk.K4 == C) {  // a 1x1 convolution whose rows are the input's pixels: one contiguous copy
        copy_u8(dst, in + m0 * C, rows * C);
        return;
    }
    int32_t b = int32_t(m0 / (int64_t(OH) * OW)), oy = int32_t(m0 / OW % OH), ox = int32_t(m0 % OW);
    for (int32_t r = 0; r < rows; ++r) {
        if (r > 0 && ++ox == OW) {  // the next output pixel, without dividing
            ox = 0;
            if (++oy == OH) oy = 0, ++b;
        }
        uint8_t* d = dst + size_t(r) * size_t(pk.K4);
        const int32_t ix0 = ox * p.stride_w - p.pad_w, ix_last = ix0 + (pk.KW - 1) * p.dilation_w;
        const bool row_inside = p.dilation_w == 1 && ix0 >= 0 && ix_last < W;
        const int32_t span = pk.KW * C;  // one kernel row, contiguous in the input when row_inside
        for (int32_t ky = 0; ky < pk.KH; ++ky) {
            const int32_t iy = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
            if (row_inside && iy >= 0 && iy < H) {  // small C (the RGB stem): one span instead of KW taps
                copy_u8(d, in + ((int64_t(b) * H + iy) * W + ix0) * C, span);
                d += span;
                continue;
            }
            for (int32_t kx = 0; kx < pk.KW; ++kx, d += C) {
                const int32_t ix = ix0 + kx * p.dilation_w;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) std::fill(d, d + C, pk.pad_value);
                else copy_u8(d, in + ((int64_t(b) * H + iy) * W + ix) * C, C);
            }
        }
        for (int32_t k = pk.K; k < pk.K4; ++k) dst[size_t(r) * size_t(pk.K4) + size_t(k)] = 0;  // at most 3 bytes
    }
}

// R gathered rows x one 16-channel panel: the int32 sums, bias included.
template <int R>
inline void conv_vnni_accumulate(const conv_vnni_packed& pk, const uint8_t* a, const int8_t* wp, int32_t n0,
                                 __m256i (&acc)[R][2]) noexcept {
    using O = int_ops<xsimd::avx2>;
    const size_t K4 = size_t(pk.K4);
    const __m256i b0 = O::load(pk.bias.data() + n0), b1 = O::load(pk.bias.data() + n0 + 8);
    for (int r = 0; r < R; ++r) acc[r][0] = b0, acc[r][1] = b1;
    for (size_t k = 0; k < K4; k += 4, wp += 64) {
        const __m256i w0 = O::load(wp), w1 = O::load(wp + 32);
        for (int r = 0; r < R; ++r) {
            const __m256i x = O::bcast32(a + size_t(r) * K4 + k);
            acc[r][0] = dpbusd(acc[r][0], x, w0);
            acc[r][1] = dpbusd(acc[r][1], x, w1);
        }
    }
}

// R gathered rows x one 16-channel panel, requantized and stored.
template <int R>
inline void conv_vnni_tile(const conv_vnni_packed& pk, const uint8_t* a, const int8_t* wp, int32_t n0, int8_t* out,
                           int32_t count) noexcept {
    using O = int_ops<xsimd::avx2>;
    __m256i acc[R][2];
    conv_vnni_accumulate<R>(pk, a, wp, n0, acc);
    const int32_t* q = pk.rq.v.data() + n0;
    const size_t qs = pk.rq.stride;
    const __m256i lo = O::set16(int16_t(pk.p.q.act_min)), hi = O::set16(int16_t(pk.p.q.act_max));
    const int32_t zp = pk.p.q.output_zero_point;
    for (int r = 0; r < R; ++r) {
        const __m256i v0 = O::requant(acc[r][0], q, qs, zp), v1 = O::requant(acc[r][1], q + 8, qs, zp);
        O::store_narrow<int8_t>(out + size_t(r) * size_t(pk.OC), O::clamp16(O::pack_gemm(v0, v1), lo, hi), count);
    }
}

#ifdef FLATNN_CPU_VNNI512
// R gathered rows x one 32-channel panel on zmm registers: the int32 sums, bias included (the broadcast rides in
// the multiply-add's memory operand).
template <int R>
inline void conv_vnni_accumulate512(const conv_vnni_packed& pk, const uint8_t* a, const int8_t* wp, int32_t n0,
                                    __m512i (&acc)[R][2]) noexcept {
    using O = int_ops<xsimd::avx512bw>;
    const size_t K4 = size_t(pk.K4);
    const __m512i b0 = O::load(pk.bias.data() + n0), b1 = O::load(pk.bias.data() + n0 + 16);
    for (int r = 0; r < R; ++r) acc[r][0] = b0, acc[r][1] = b1;
    for (size_t k = 0; k < K4; k += 4, wp += 128) {
        const __m512i w0 = O::load(wp), w1 = O::load(wp + 64);
        for (int r = 0; r < R; ++r) {
            const __m512i x = O::bcast32(a + size_t(r) * K4 + k);
            acc[r][0] = _mm512_dpbusd_epi32(acc[r][0], x, w0);
            acc[r][1] = _mm512_dpbusd_epi32(acc[r][1], x, w1);
        }
    }
}

// R gathered rows x one 32-channel panel, requantized and stored.
template <int R>
inline void conv_vnni_tile512(const conv_vnni_packed& pk, const uint8_t* a, const int8_t* wp, int32_t n0, int8_t* out,
                              int32_t count) noexcept {
    using O = int_ops<xsimd::avx512bw>;
    __m512i acc[R][2];
    conv_vnni_accumulate512<R>(pk, a, wp, n0, acc);
    const int32_t* q = pk.rq.v.data() + n0;
    const size_t qs = pk.rq.stride;
    const __m512i lo = O::set16(int16_t(pk.p.q.act_min)), hi = O::set16(int16_t(pk.p.q.act_max));
    const int32_t zp = pk.p.q.output_zero_point;
    for (int r = 0; r < R; ++r) {
        const __m512i v0 = O::requant(acc[r][0], q, qs, zp), v1 = O::requant(acc[r][1], q + 16, qs, zp);
        O::store_narrow<int8_t>(out + size_t(r) * size_t(pk.OC), O::clamp16(O::pack_gemm(v0, v1), lo, hi), count);
    }
}
#endif

inline constexpr int conv_vnni_mr = 6;  // 12 accumulators, 2 weight vectors, 1 broadcast: 15 of 16 registers
inline constexpr int conv_vnni512_mr = 8;  // 16 zmm accumulators, 2 weight vectors

// Rows of one tile: the granule of a work split.
inline int32_t conv_vnni_tile_rows(const conv_vnni_packed& pk) noexcept {
    return pk.NR == 32 ? conv_vnni512_mr : conv_vnni_mr;
}

// Rows per gathered block: keep the block within ~64 KiB.
inline int32_t conv_vnni_block_rows(const conv_vnni_packed& pk) noexcept {
    const int32_t mc = int32_t(65536 / std::max(pk.K4, 1));
    return std::max(24, std::min(mc, 288) / 24 * 24);  // a multiple of both tiles' rows
}

// Scratch bytes one worker needs.
inline size_t conv_vnni_scratch(const conv_vnni_packed& pk) noexcept {
    return size_t(conv_vnni_block_rows(pk)) * size_t(pk.K4);
}

// Output rows [m_begin, m_end) with `scratch` of conv_vnni_scratch bytes.
inline void conv_vnni_rows(const conv_vnni_packed& pk, tensor_view<const int8_t> in, tensor_view<int8_t> out,
                           int64_t m_begin, int64_t m_end, uint8_t* scratch) noexcept {
    constexpr int MR = conv_vnni_mr;
    const int32_t MC = conv_vnni_block_rows(pk);
    const size_t panel_bytes = size_t(pk.K4) * size_t(pk.NR);
    for (int64_t m0 = m_begin; m0 < m_end; m0 += MC) {
        const int32_t mc = int32_t(std::min<int64_t>(MC, m_end - m0));
        conv_vnni_gather(pk, in.data, in.dims, out.dims, m0, mc, scratch);
        for (int32_t n0 = 0; n0 < pk.OC; n0 += pk.NR) {
            const int8_t* wp = pk.w.data() + size_t(n0 / pk.NR) * panel_bytes;
            const int32_t count = std::min(pk.NR, pk.OC - n0);
            int8_t* o = out.data + m0 * pk.OC + n0;
            const uint8_t* a = scratch;
            int32_t r = 0;
#ifdef FLATNN_CPU_VNNI512
            if (pk.NR == 32) {
                constexpr int R8 = conv_vnni512_mr;
                for (; r + R8 <= mc; r += R8, a += R8 * pk.K4, o += R8 * pk.OC)
                    conv_vnni_tile512<R8>(pk, a, wp, n0, o, count);
                switch (mc - r) {
                    case 7: conv_vnni_tile512<7>(pk, a, wp, n0, o, count); break;
                    case 6: conv_vnni_tile512<6>(pk, a, wp, n0, o, count); break;
                    case 5: conv_vnni_tile512<5>(pk, a, wp, n0, o, count); break;
                    case 4: conv_vnni_tile512<4>(pk, a, wp, n0, o, count); break;
                    case 3: conv_vnni_tile512<3>(pk, a, wp, n0, o, count); break;
                    case 2: conv_vnni_tile512<2>(pk, a, wp, n0, o, count); break;
                    case 1: conv_vnni_tile512<1>(pk, a, wp, n0, o, count); break;
                    default: break;
                }
                continue;
            }
#endif
            for (; r + MR <= mc; r += MR, a += MR * pk.K4, o += MR * pk.OC) conv_vnni_tile<MR>(pk, a, wp, n0, o, count);
            switch (mc - r) {
                case 5: conv_vnni_tile<5>(pk, a, wp, n0, o, count); break;
                case 4: conv_vnni_tile<4>(pk, a, wp, n0, o, count); break;
                case 3: conv_vnni_tile<3>(pk, a, wp, n0, o, count); break;
                case 2: conv_vnni_tile<2>(pk, a, wp, n0, o, count); break;
                case 1: conv_vnni_tile<1>(pk, a, wp, n0, o, count); break;
                default: break;
            }
        }
    }
}

}  // namespace flatnn::cpu
#endif
