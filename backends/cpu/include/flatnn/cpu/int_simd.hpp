#pragma once
// Integer vector operations the quantized kernels need, per xsimd architecture tag. xsimd 8.1 has no 16-bit
// multiply-add, widening loads or saturating packs, so these wrap the few intrinsics involved; everything else in
// the kernels is plain integer arithmetic. Only the architectures the compile flags enable are defined.
//
// Lane orders: a "v16" register holds int16 channels in natural order; unpack_lo/hi interleave two v16 within each
// 128-bit lane, so the int32 lanes of a madd over unpack_lo hold channels {8L+0..3} and over unpack_hi {8L+4..7}
// for 128-bit lane L (see dw_lane_channel).
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include <xsimd/xsimd.hpp>

#include "flatnn/cpu/aligned_vector.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::cpu {

// Requantization parameters per output channel in a kernel's lane order, as six rows of `stride` int32
// (multiplier, left shift, right shift, rounding mask, half mask, and each odd lane's multiplier in the even lane
// below it, where a 32x32->64-bit multiply of the odd lanes reads it) so that one vector load reads one parameter.
struct requant_table {
    aligned_vector<int32_t> v;
    size_t stride = 0;
    void resize(size_t lanes) {
        stride = (lanes + 1) / 2 * 2;
        v.assign(6 * stride, 0);
    }
    // Lane i takes TFLite's (multiplier, shift) of one channel.
    void set(size_t i, int32_t multiplier, int shift) noexcept {
        const int32_t left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
        const int32_t mask = int32_t((int64_t(1) << right) - 1);
        v[i] = multiplier;
        v[stride + i] = left;
        v[2 * stride + i] = right;
        v[3 * stride + i] = mask;
        v[4 * stride + i] = mask >> 1;
        v[5 * stride + (i & ~size_t(1))] = i & 1 ? multiplier : v[5 * stride + (i & ~size_t(1))];
    }
};

template <class Arch>
struct int_ops;  // defined for the architectures compiled in

// The first n (< 16) bytes of t to dst, without a library call (partial channel blocks store on every pixel).
inline void store_bytes_below16(void* dst, const uint8_t* t, int n) noexcept {
    auto* d = static_cast<uint8_t*>(dst);
    if (n >= 8) {  // two overlapping 8-byte moves
        uint64_t a, b;
        std::memcpy(&a, t, 8), std::memcpy(&b, t + n - 8, 8);
        std::memcpy(d, &a, 8), std::memcpy(d + n - 8, &b, 8);
        return;
    }
    for (int i = 0; i < n; ++i) d[i] = t[i];
}

// Per-lane scalar requantization, exact by construction (used where the arch lacks variable shifts).
inline int32_t requant_scalar(int32_t acc, int32_t mult, int32_t left, int32_t right) noexcept {
    return fixed_point::rdbpot(fixed_point::srdhm(int32_t(uint32_t(acc) << left), mult), right);
}

#if XSIMD_WITH_SSE4_1
template <>
struct int_ops<xsimd::sse4_1> {
    using reg = __m128i;
    static constexpr int lanes32 = 4;   // int32 lanes
    static constexpr int lanes16 = 8;   // int16 lanes = bytes widened per load
    static reg zero() noexcept { return _mm_setzero_si128(); }
    static reg load(const void* p) noexcept { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
    static void store(void* p, reg v) noexcept { _mm_storeu_si128(static_cast<__m128i*>(p), v); }
    static reg bcast32(const void* p) noexcept {
        int32_t v;
        std::memcpy(&v, p, 4);
        return _mm_set1_epi32(v);
    }
    static reg set16(int16_t v) noexcept { return _mm_set1_epi16(v); }
    static reg set32(int32_t v) noexcept { return _mm_set1_epi32(v); }
    template <class T>
    static reg widen(const T* p) noexcept {  // lanes16 bytes -> int16
        const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
        return std::is_same_v<T, uint8_t> ? _mm_cvtepu8_epi16(b) : _mm_cvtepi8_epi16(b);
    }
    template <class T>
    static reg widen32(const T* p) noexcept {  // lanes32 bytes -> int32
        int32_t v;
        std::memcpy(&v, p, 4);
        const __m128i b = _mm_cvtsi32_si128(v);
        return std::is_same_v<T, uint8_t> ? _mm_cvtepu8_epi32(b) : _mm_cvtepi8_epi32(b);
    }
    static reg sll32(reg a, int n) noexcept { return _mm_sll_epi32(a, _mm_cvtsi32_si128(n)); }
    static reg add16(reg a, reg b) noexcept { return _mm_add_epi16(a, b); }
    static reg add32(reg a, reg b) noexcept { return _mm_add_epi32(a, b); }
    static reg madd(reg a, reg b) noexcept { return _mm_madd_epi16(a, b); }
    static reg unpack_lo(reg a, reg b) noexcept { return _mm_unpacklo_epi16(a, b); }
    static reg unpack_hi(reg a, reg b) noexcept { return _mm_unpackhi_epi16(a, b); }
    // acc (+bias already) -> rescaled + zero point; per-lane scalar: SSE has no per-lane variable shifts.
    static reg requant(reg acc, const int32_t* q, size_t stride, int32_t zp) noexcept {
#if defined(__AVX2__)
        // Compiled with AVX2 (so the program needs it anyway): the AVX2 recipe on 128 bits, with per-lane shifts.
        const reg mult = load(q), left = load(q + stride), right = load(q + 2 * stride);
        const reg mask = load(q + 3 * stride), half = load(q + 4 * stride);
        const reg x = _mm_sllv_epi32(acc, left);
        const reg nudge = _mm_set1_epi64x(int64_t(1) << 30);
        reg pe = _mm_add_epi64(_mm_mul_epi32(x, mult), nudge);
        reg po = _mm_add_epi64(_mm_mul_epi32(_mm_srli_epi64(x, 32), _mm_srli_epi64(mult, 32)), nudge);
        pe = _mm_srli_epi64(pe, 31);
        po = _mm_slli_epi64(po, 1);
        const reg h = _mm_blend_epi16(pe, po, 0xCC);
        const reg rem = _mm_and_si128(h, mask);
        const reg threshold = _mm_sub_epi32(half, _mm_srai_epi32(h, 31));
        const reg r = _mm_sub_epi32(_mm_srav_epi32(h, right), _mm_cmpgt_epi32(rem, threshold));
        return _mm_add_epi32(r, _mm_set1_epi32(zp));
#else
        alignas(16) int32_t a[4];
        _mm_store_si128(reinterpret_cast<__m128i*>(a), acc);
        for (int i = 0; i < 4; ++i)  // + zp wraps, as the AVX2 / AVX-512 vector add does
            a[i] = int32_t(uint32_t(requant_scalar(a[i], q[i], q[stride + i], q[2 * stride + i])) + uint32_t(zp));
        return _mm_load_si128(reinterpret_cast<const __m128i*>(a));
#endif
    }
    // Two int32 registers of consecutive channels (natural order) -> one v16.
    static reg pack_gemm(reg a, reg b) noexcept { return _mm_packs_epi32(a, b); }
    // madd results over unpack_lo / unpack_hi -> one v16 in natural order.
    static reg pack_dw(reg lo, reg hi) noexcept { return _mm_packs_epi32(lo, hi); }
    static reg clamp16(reg v, reg lo, reg hi) noexcept { return _mm_min_epi16(_mm_max_epi16(v, lo), hi); }
    template <class T>
    static void store_narrow(T* dst, reg v16, int count) noexcept {
        const reg b = std::is_same_v<T, uint8_t> ? _mm_packus_epi16(v16, v16) : _mm_packs_epi16(v16, v16);
        if (count == lanes16) {
            _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), b);
        } else {
            alignas(16) uint8_t t[16];
            _mm_store_si128(reinterpret_cast<__m128i*>(t), b);
            store_bytes_below16(dst, t, count);
        }
    }
};
#endif

#if XSIMD_WITH_AVX2
template <>
struct int_ops<xsimd::avx2> {
    using reg = __m256i;
    static constexpr int lanes32 = 8;
    static constexpr int lanes16 = 16;
    static reg zero() noexcept { return _mm256_setzero_si256(); }
    static reg load(const void* p) noexcept { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
    static void store(void* p, reg v) noexcept { _mm256_storeu_si256(static_cast<__m256i*>(p), v); }
    static reg bcast32(const void* p) noexcept {
        int32_t v;
        std::memcpy(&v, p, 4);
        return _mm256_set1_epi32(v);
    }
    static reg set16(int16_t v) noexcept { return _mm256_set1_epi16(v); }
    static reg set32(int32_t v) noexcept { return _mm256_set1_epi32(v); }
    template <class T>
    static reg widen(const T* p) noexcept {
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        return std::is_same_v<T, uint8_t> ? _mm256_cvtepu8_epi16(b) : _mm256_cvtepi8_epi16(b);
    }
    template <class T>
    static reg widen32(const T* p) noexcept {
        const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
        return std::is_same_v<T, uint8_t> ? _mm256_cvtepu8_epi32(b) : _mm256_cvtepi8_epi32(b);
    }
    static reg sll32(reg a, int n) noexcept { return _mm256_sll_epi32(a, _mm_cvtsi32_si128(n)); }
    static reg add16(reg a, reg b) noexcept { return _mm256_add_epi16(a, b); }
    static reg add32(reg a, reg b) noexcept { return _mm256_add_epi32(a, b); }
    static reg madd(reg a, reg b) noexcept { return _mm256_madd_epi16(a, b); }
    static reg unpack_lo(reg a, reg b) noexcept { return _mm256_unpacklo_epi16(a, b); }
    static reg unpack_hi(reg a, reg b) noexcept { return _mm256_unpackhi_epi16(a, b); }
    // multiply_by_quantized_multiplier per lane. srdhm(a, m) = floor((a*m + 2^30) / 2^31) for m >= 0 (the
    // multiplier is never INT32_MIN, so the saturating case cannot occur); rdbpot rounds half away from zero.
    static reg requant(reg acc, const int32_t* q, size_t stride, int32_t zp) noexcept {
        const reg mult = load(q), left = load(q + stride), right = load(q + 2 * stride);
        const reg mask = load(q + 3 * stride), half = load(q + 4 * stride);
        const reg x = _mm256_sllv_epi32(acc, left);
        const reg nudge = _mm256_set1_epi64x(int64_t(1) << 30);
        reg pe = _mm256_add_epi64(_mm256_mul_epi32(x, mult), nudge);
        reg po = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(mult, 32)), nudge);
        pe = _mm256_srli_epi64(pe, 31);  // result in the low dword
        po = _mm256_slli_epi64(po, 1);   // result in the high dword
        const reg h = _mm256_blend_epi32(pe, po, 0xAA);
        const reg rem = _mm256_and_si256(h, mask);
        const reg threshold = _mm256_sub_epi32(half, _mm256_srai_epi32(h, 31));
        const reg r = _mm256_sub_epi32(_mm256_srav_epi32(h, right), _mm256_cmpgt_epi32(rem, threshold));
        return _mm256_add_epi32(r, _mm256_set1_epi32(zp));
    }
    static reg pack_gemm(reg a, reg b) noexcept { return _mm256_permute4x64_epi64(_mm256_packs_epi32(a, b), 0xD8); }
    static reg pack_dw(reg lo, reg hi) noexcept { return _mm256_packs_epi32(lo, hi); }
    static reg clamp16(reg v, reg lo, reg hi) noexcept { return _mm256_min_epi16(_mm256_max_epi16(v, lo), hi); }
    template <class T>
    static void store_narrow(T* dst, reg v16, int count) noexcept {
        reg b = std::is_same_v<T, uint8_t> ? _mm256_packus_epi16(v16, v16) : _mm256_packs_epi16(v16, v16);
        b = _mm256_permute4x64_epi64(b, 0x08);
        const __m128i lo = _mm256_castsi256_si128(b);
        if (count == lanes16) {
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), lo);
        } else {
            alignas(16) uint8_t t[16];
            _mm_store_si128(reinterpret_cast<__m128i*>(t), lo);
            store_bytes_below16(dst, t, count);
        }
    }
};
#endif

#if XSIMD_WITH_AVX512BW
// GCC 12 reports the AVX-512 intrinsics' undefined pass-through operands (_mm512_undefined_*) as uninitialized
// where they are inlined; they are write-only by design.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
template <>
struct int_ops<xsimd::avx512bw> {
    using reg = __m512i;
    static constexpr int lanes32 = 16;
    static constexpr int lanes16 = 32;
    static reg zero() noexcept { return _mm512_setzero_si512(); }
    static reg load(const void* p) noexcept { return _mm512_loadu_si512(p); }
    static void store(void* p, reg v) noexcept { _mm512_storeu_si512(p, v); }
    static reg bcast32(const void* p) noexcept {
        int32_t v;
        std::memcpy(&v, p, 4);
        return _mm512_set1_epi32(v);
    }
    static reg set16(int16_t v) noexcept { return _mm512_set1_epi16(v); }
    static reg set32(int32_t v) noexcept { return _mm512_set1_epi32(v); }
    template <class T>
    static reg widen(const T* p) noexcept {
        const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        return std::is_same_v<T, uint8_t> ? _mm512_cvtepu8_epi16(b) : _mm512_cvtepi8_epi16(b);
    }
    template <class T>
    static reg widen32(const T* p) noexcept {
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        return std::is_same_v<T, uint8_t> ? _mm512_cvtepu8_epi32(b) : _mm512_cvtepi8_epi32(b);
    }
    static reg sll32(reg a, int n) noexcept { return _mm512_sll_epi32(a, _mm_cvtsi32_si128(n)); }
    static reg add16(reg a, reg b) noexcept { return _mm512_add_epi16(a, b); }
    static reg add32(reg a, reg b) noexcept { return _mm512_add_epi32(a, b); }
    static reg madd(reg a, reg b) noexcept { return _mm512_madd_epi16(a, b); }
    static reg unpack_lo(reg a, reg b) noexcept { return _mm512_unpacklo_epi16(a, b); }
    static reg unpack_hi(reg a, reg b) noexcept { return _mm512_unpackhi_epi16(a, b); }
    // The AVX2 recipe on 16 lanes. 512-bit shifts and multiplies share one port, so the odd lanes reach the
    // multiply by a shuffle and a table row instead of shifts, and the sign test is a compare into a mask.
    static reg requant(reg acc, const int32_t* q, size_t stride, int32_t zp) noexcept {
        const reg mult = load(q), left = load(q + stride), right = load(q + 2 * stride);
        const reg mask = load(q + 3 * stride), half = load(q + 4 * stride), mult_odd = load(q + 5 * stride);
        const reg x = _mm512_sllv_epi32(acc, left);
        const reg nudge = _mm512_set1_epi64(int64_t(1) << 30);
        reg pe = _mm512_add_epi64(_mm512_mul_epi32(x, mult), nudge);
        reg po = _mm512_add_epi64(_mm512_mul_epi32(_mm512_shuffle_epi32(x, _MM_PERM_DDBB), mult_odd), nudge);
        pe = _mm512_srli_epi64(pe, 31);
        po = _mm512_slli_epi64(po, 1);
        const reg h = _mm512_mask_blend_epi32(__mmask16(0xAAAA), pe, po);
        const reg rem = _mm512_and_si512(h, mask);
        const reg threshold =
            _mm512_mask_add_epi32(half, _mm512_cmplt_epi32_mask(h, _mm512_setzero_si512()), half, _mm512_set1_epi32(1));
        const reg sh = _mm512_srav_epi32(h, right);
        const reg r = _mm512_mask_add_epi32(sh, _mm512_cmpgt_epi32_mask(rem, threshold), sh, _mm512_set1_epi32(1));
        return _mm512_add_epi32(r, _mm512_set1_epi32(zp));
    }
    // packs works within 128-bit lanes: gather the quadwords of a, then of b.
    static reg pack_gemm(reg a, reg b) noexcept {
        return _mm512_permutexvar_epi64(_mm512_setr_epi64(0, 2, 4, 6, 1, 3, 5, 7), _mm512_packs_epi32(a, b));
    }
    static reg pack_dw(reg lo, reg hi) noexcept { return _mm512_packs_epi32(lo, hi); }
    static reg clamp16(reg v, reg lo, reg hi) noexcept { return _mm512_min_epi16(_mm512_max_epi16(v, lo), hi); }
    // v16 is already clamped to T's range (the activation range lies within it): a truncating narrow suffices.
    template <class T>
    static void store_narrow(T* dst, reg v16, int count) noexcept {
        const __m256i b = _mm512_cvtepi16_epi8(v16);
        if (count == lanes16) {
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), b);
        } else {
#if defined(__AVX512VL__)
            // a masked store: no byte past count is written, and no library call per row
            _mm256_mask_storeu_epi8(dst, __mmask32((1u << count) - 1u), b);  // count < 32 here
#else
            alignas(32) uint8_t t[32];
            _mm256_store_si256(reinterpret_cast<__m256i*>(t), b);
            std::memcpy(dst, t, size_t(count));
#endif
        }
    }
};
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

// Output channel of int32 lane j (0..lanes32-1) of the unpack_lo (hi = false) or unpack_hi (hi = true) madd.
inline int dw_lane_channel(int j, bool hi) noexcept { return (j / 4) * 8 + (hi ? 4 : 0) + j % 4; }

}  // namespace flatnn::cpu
