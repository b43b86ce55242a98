#pragma once
// int8 CONV_2D on AMX (Intel Advanced Matrix Extensions): one TDPBUSD multiplies a 16 x 64 u8 tile of gathered
// activations by a 64 x 16 s8 tile of weights into 16 x 16 int32 sums, 16 K multiply-adds in one instruction.
// It reuses the VNNI form entirely: the same u8 gather (x + 128, folded into the bias), and the same 16-channel
// weight panels, whose [K/4][16][4] byte layout is the layout AMX expects of its second operand. Sums are int32
// modulo 2^32 as in the reference; the int32 tiles are stored and requantized by the AVX-512 epilogue, so results
// are bit-exact.
//
// uint8 (with its nonzero filter zero point) runs on the u8 x u8 form, TDPBUUD, on raw bytes:
//   sum (x + io)(w + fo) = sum x w + fo * sum x + io * sum w + K io fo,
// the last two terms folded into the bias at prepare, fo times each gathered row's byte sum added in the epilogue
// (padding taps gather the input zero point, so their x + io is 0 on both sides).
//
// Compiled when the flags enable AMX-TILE, AMX-INT8 and 512-bit VNNI; used when the CPU reports AMX and the
// operating system grants the tile data state (Linux: arch_prctl ARCH_REQ_XCOMP_PERM, once per process).
#include "flatnn/cpu/conv_2d_quantized_vnni.hpp"

#if defined(FLATNN_CPU_VNNI512) && defined(__AMX_TILE__) && defined(__AMX_INT8__) && defined(__linux__)
#define FLATNN_CPU_AMX 1
#include <immintrin.h>

#include <type_traits>
#include <sys/syscall.h>
#include <unistd.h>

namespace flatnn::cpu {

// CPUID leaf 7 EDX bit 24 (AMX-TILE) and bit 25 (AMX-INT8), then the kernel's permission for the tile data state
// (XFEATURE 18). The answer is computed once.
inline bool cpu_has_amx_int8() noexcept {
    static const bool ok = [] {
        unsigned a = 0, b = 0, c = 0, d = 0;
        if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
        if (!(d >> 24 & 1) || !(d >> 25 & 1) || !cpu_has_vnni512()) return false;
        constexpr long arch_req_xcomp_perm = 0x1023, xfeature_xtiledata = 18;
        return syscall(SYS_arch_prctl, arch_req_xcomp_perm, xfeature_xtiledata) == 0;
    }();
    return ok;
}

inline constexpr int32_t conv_amx_mr = 16;  // rows per tile

// The uint8 form's packing: raw weight bytes in 16-channel panels, bias + io * sum(w) + K io fo.
inline void pack_conv_amx_u8(conv_vnni_packed& pk, const reference::conv_2d_params& p, const tensor& filter,
                             const tensor* bias) {
    pk.p = p;
    pk.NR = 16;
    const int32_t OC = filter.dims[0], C = filter.dims[3];
    pk.KH = filter.dims[1];
    pk.KW = filter.dims[2];
    pk.OC = OC;
    pk.K = pk.KH * pk.KW * C;
    pk.K4 = (pk.K + 3) / 4 * 4;
    pk.OCp = (OC + 15) / 16 * 16;
    pk.pad_value = uint8_t(-p.q.input_offset);
    pk.row_sum_factor = p.q.filter_offset;
    pk.w.assign(size_t(pk.OCp) * size_t(pk.K4), 0);
    pk.bias.assign(size_t(pk.OCp), 0);
    pk.rq.resize(size_t(pk.OCp));
    const uint8_t* src = filter.data_as<uint8_t>();
    const uint32_t io = uint32_t(p.q.input_offset), fo = uint32_t(p.q.filter_offset);
    for (int32_t oc = 0; oc < OC; ++oc) {
        uint32_t wsum = 0;
        const size_t panel = size_t(oc / 16), n = size_t(oc % 16);
        for (int32_t k = 0; k < pk.K; ++k) {
            const uint8_t v = src[size_t(oc) * size_t(pk.K) + size_t(k)];
            wsum += v;
            pk.w[((panel * size_t(pk.K4 / 4) + size_t(k / 4)) * 16 + n) * 4 + size_t(k % 4)] = int8_t(v);
        }
        const uint32_t b = bias ? uint32_t(bias->data_as<int32_t>()[oc]) : 0u;
        pk.bias[size_t(oc)] = int32_t(b + io * wsum + uint32_t(pk.K) * io * fo);
        pk.rq.set(size_t(oc), p.q.multiplier[size_t(oc)], p.q.shift[size_t(oc)]);
    }
}

// The byte sum of each of `rows` gathered rows (K4 bytes apart), times the filter offset, modulo 2^32.
inline void conv_amx_row_terms(const uint8_t* a, int32_t rows, int32_t K4, int32_t factor, int32_t* terms) noexcept {
    const __m512i zero = _mm512_setzero_si512();
    for (int32_t r = 0; r < rows; ++r, a += K4) {
        __m512i s = zero;
        int32_t k = 0;
        for (; k + 64 <= K4; k += 64) s = _mm512_add_epi64(s, _mm512_sad_epu8(_mm512_loadu_si512(a + k), zero));
        if (k < K4) {
            const __mmask64 m = _bzhi_u64(~0ull, unsigned(K4 - k));
            s = _mm512_add_epi64(s, _mm512_sad_epu8(_mm512_maskz_loadu_epi8(m, a + k), zero));
        }
        terms[r] = int32_t(uint32_t(_mm512_reduce_add_epi64(s)) * uint32_t(factor));
    }
}

// Tile registers: 0-3 sums (16 rows x 16 int32 each: 64 channels), 4 / 5 a full 64-byte K step of activations /
// weights, 6 / 7 the last partial K step (K4 % 64 bytes).
struct alignas(64) amx_tile_config {
    uint8_t palette = 1, start_row = 0, reserved[14] = {};
    uint16_t colsb[16] = {};
    uint8_t rows[16] = {};
};

inline amx_tile_config conv_amx_config(int32_t K4) noexcept {
    amx_tile_config cfg;
    const int32_t tail = K4 % 64;
    for (int t = 0; t < 4; ++t) cfg.colsb[t] = 64, cfg.rows[t] = 16;
    cfg.colsb[4] = 64, cfg.rows[4] = 16;  // a: 16 rows x 64 K bytes
    cfg.colsb[5] = 64, cfg.rows[5] = 16;  // b: 16 K/4 rows x 16 channels x 4
    if (tail > 0) {
        cfg.colsb[6] = uint16_t(tail), cfg.rows[6] = 16;
        cfg.colsb[7] = 64, cfg.rows[7] = uint8_t(tail / 4);
    }
    return cfg;
}

// One tile multiply-add: u8 x u8 (uint8) or u8 x s8 (int8, sign-flipped activations). A macro because GCC's tile
// intrinsics paste their register numbers into assembly text.
#define FLATNN_AMX_DP(c, a, b)               \
    do {                                     \
        if constexpr (U8) _tile_dpbuud(c, a, b); \
        else _tile_dpbusd(c, a, b);          \
    } while (0)

// Tile j (0 or 1) of sum set SET: registers 0-1 or 2-3, so that one set computes while the other's sums are
// requantized (the two sets alternate block by block).
#define FLATNN_AMX_SET(op, j)                                      \
    do {                                                           \
        if constexpr (SET == 0 && j == 0) op(0);                   \
        else if constexpr (SET == 0) op(1);                        \
        else if constexpr (j == 0) op(2);                          \
        else op(3);                                                \
    } while (0)
#define FLATNN_AMX_ZERO(t) _tile_zero(t)
#define FLATNN_AMX_DP_FULL(t) FLATNN_AMX_DP(t, 4, 5)
#define FLATNN_AMX_DP_TAIL(t) FLATNN_AMX_DP(t, 6, 7)

// Sums of 16 rows (a, stride K4) by NT (1 or 2) 16-channel panels (w, consecutive) into c[16][32] int32, on the
// tile registers of set SET.
template <int SET, int NT, bool U8>
inline void conv_amx_sums(const uint8_t* a, const int8_t* w, int32_t K4, int32_t* c) noexcept {
    const size_t panel = size_t(K4) * 16, stride = size_t(K4);
    FLATNN_AMX_SET(FLATNN_AMX_ZERO, 0);
    if constexpr (NT > 1) FLATNN_AMX_SET(FLATNN_AMX_ZERO, 1);
    int32_t k = 0;
    for (; k + 64 <= K4; k += 64) {
        _tile_loadd(4, a + k, stride);
        _tile_loadd(5, w + size_t(k) * 16, 64);
        FLATNN_AMX_SET(FLATNN_AMX_DP_FULL, 0);
        if constexpr (NT > 1) {
            _tile_loadd(5, w + panel + size_t(k) * 16, 64);
            FLATNN_AMX_SET(FLATNN_AMX_DP_FULL, 1);
        }
    }
    if (k < K4) {
        _tile_loadd(6, a + k, stride);
        _tile_loadd(7, w + size_t(k) * 16, 64);
        FLATNN_AMX_SET(FLATNN_AMX_DP_TAIL, 0);
        if constexpr (NT > 1) {
            _tile_loadd(7, w + panel + size_t(k) * 16, 64);
            FLATNN_AMX_SET(FLATNN_AMX_DP_TAIL, 1);
        }
    }
#define FLATNN_AMX_STORE0(t) _tile_stored(t, c, 128)
#define FLATNN_AMX_STORE1(t) _tile_stored(t, c + 16, 128)
    FLATNN_AMX_SET(FLATNN_AMX_STORE0, 0);
    if constexpr (NT > 1) FLATNN_AMX_SET(FLATNN_AMX_STORE1, 1);
#undef FLATNN_AMX_STORE0
#undef FLATNN_AMX_STORE1
}

#undef FLATNN_AMX_SET
#undef FLATNN_AMX_ZERO
#undef FLATNN_AMX_DP_FULL
#undef FLATNN_AMX_DP_TAIL
#undef FLATNN_AMX_DP

// Bias (plus the uint8 row terms), requantization, clamp and store of `rows` rows x `cols` (<= 32) channels
// (from n0) of c[16][32].
template <class T>
inline void conv_amx_epilogue(const conv_vnni_packed& pk, const int32_t* c, const int32_t* row_terms, int32_t rows,
                              int32_t n0, int32_t cols, T* out) noexcept {
    using O = int_ops<xsimd::avx512bw>;
    const int32_t* q = pk.rq.v.data() + n0;
    const size_t qs = pk.rq.stride;
    const __m512i lo = O::set16(int16_t(pk.p.q.act_min)), hi = O::set16(int16_t(pk.p.q.act_max));
    const int32_t zp = pk.p.q.output_zero_point;
    for (int32_t j = 0; j < cols; j += 32) {
        const bool two = cols - j > 16;  // bias and table hold OCp (a multiple of 16) lanes
        const __m512i b0 = O::load(pk.bias.data() + n0 + j), b1 = two ? O::load(pk.bias.data() + n0 + j + 16) : b0;
        const int count = int(std::min(32, cols - j));
        for (int32_t r = 0; r < rows; ++r) {
            const int32_t* cr = c + r * 32 + j;
            __m512i s0 = O::add32(O::load(cr), b0), s1 = two ? O::add32(O::load(cr + 16), b1) : s0;
            if constexpr (std::is_same_v<T, uint8_t>) {
                const __m512i t = O::set32(row_terms[r]);
                s0 = O::add32(s0, t), s1 = O::add32(s1, t);
            }
            const __m512i v0 = O::requant(s0, q + j, qs, zp);
            const __m512i v1 = two ? O::requant(s1, q + j + 16, qs, zp) : v0;
            O::store_narrow<T>(out + size_t(r) * size_t(pk.OC) + j, O::clamp16(O::pack_gemm(v0, v1), lo, hi), count);
        }
    }
}

// Rows of the gather block: a multiple of 16, within ~64 KiB.
inline int32_t conv_amx_block_rows(const conv_vnni_packed& pk) noexcept {
    const int32_t mc = int32_t(65536 / std::max(pk.K4, 1));
    return std::max(conv_amx_mr, std::min(mc, 256) / conv_amx_mr * conv_amx_mr);
}

inline size_t conv_amx_scratch(const conv_vnni_packed& pk) noexcept {
    return size_t(conv_amx_block_rows(pk)) * size_t(pk.K4);
}

// Output rows [m_begin, m_end) with `scratch` of conv_amx_scratch bytes; pk packed with 16-channel panels
// (pack_conv_vnni for int8, pack_conv_amx_u8 for uint8). The last tile of a block may load gathered rows past the
// block's end (inside the scratch, never stored).
template <class T>
inline void conv_amx_rows(const conv_vnni_packed& pk, tensor_view<const T> in, tensor_view<T> out, int64_t m_begin,
                          int64_t m_end, uint8_t* scratch) noexcept {
    constexpr bool U8 = std::is_same_v<T, uint8_t>;
    const amx_tile_config cfg = conv_amx_config(pk.K4);
    _tile_loadconfig(&cfg);
    alignas(64) int32_t c[2][16 * 32];  // the two sets' stored sums
    int32_t row_terms[2][conv_amx_mr] = {};
    const int32_t MC = conv_amx_block_rows(pk);
    const size_t panel_bytes = size_t(pk.K4) * 16;
    // Blocks of 16 rows x 32 channels, software-pipelined: block i's tile products run while block i-1's sums
    // are requantized from memory.
    struct pending_block {
        int32_t rows = 0, n0 = 0, cols = 0, set = 0;
        T* out = nullptr;
    } prev;
    int32_t set = 0;
    for (int64_t m0 = m_begin; m0 < m_end; m0 += MC) {
        const int32_t mc = int32_t(std::min<int64_t>(MC, m_end - m0));
        if (prev.rows) {  // the gather overwrites the scratch only; the previous block's sums are in c already
            conv_amx_epilogue<T>(pk, c[prev.set], row_terms[prev.set], prev.rows, prev.n0, prev.cols, prev.out);
            prev.rows = 0;
        }
        conv_vnni_gather(pk, in.data, in.dims, out.dims, m0, mc, scratch);
        for (int32_t r = 0; r < mc; r += conv_amx_mr) {
            const uint8_t* a = scratch + size_t(r) * size_t(pk.K4);
            const int32_t rows = std::min(conv_amx_mr, mc - r);
            for (int32_t n0 = 0; n0 < pk.OC; n0 += 32) {
                const int32_t cols = std::min(32, pk.OC - n0);
                const int8_t* wp = pk.w.data() + size_t(n0 / 16) * panel_bytes;
                if constexpr (U8)
                    if (n0 == 0) conv_amx_row_terms(a, rows, pk.K4, pk.row_sum_factor, row_terms[set]);
                if constexpr (U8)
                    if (n0 > 0) std::copy(row_terms[set ^ 1], row_terms[set ^ 1] + rows, row_terms[set]);
                if (set == 0) {
                    if (cols > 16) conv_amx_sums<0, 2, U8>(a, wp, pk.K4, c[0]);
                    else conv_amx_sums<0, 1, U8>(a, wp, pk.K4, c[0]);
                } else {
                    if (cols > 16) conv_amx_sums<1, 2, U8>(a, wp, pk.K4, c[1]);
                    else conv_amx_sums<1, 1, U8>(a, wp, pk.K4, c[1]);
                }
                if (prev.rows)
                    conv_amx_epilogue<T>(pk, c[prev.set], row_terms[prev.set], prev.rows, prev.n0, prev.cols, prev.out);
                prev = {rows, n0, cols, set, out.data + (m0 + r) * pk.OC + n0};
                set ^= 1;
            }
        }
    }
    if (prev.rows) conv_amx_epilogue<T>(pk, c[prev.set], row_terms[prev.set], prev.rows, prev.n0, prev.cols, prev.out);
    _tile_release();
}

}  // namespace flatnn::cpu
#endif
