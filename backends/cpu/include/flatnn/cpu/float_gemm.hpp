#pragma once
// float32 GEMM for CONV_2D and FULLY_CONNECTED: out[m][n] = clamp(bias[n] + sum_t sum_c a_t[m][c] * w[n][t*C + c]).
// Rows m are output pixels; each row reads `taps` input vectors of C floats through pointers (an indirection
// list, built per block of rows: no im2col copy; padded taps point at a block of zeros). Weights are packed once
// into panels of NR = 2 vectors of output channels, [bias NR][K][NR], so the microkernel streams one panel
// contiguously. The microkernel keeps MR x 2 vector accumulators in registers (6x16 on AVX2: 12 ymm + 2 weight
// vectors + 1 broadcast), starts them from the bias and clamps in the epilogue.
//
// Float bound: the sum runs in another order than the reference kernel's (bias first, FMA where the arch has it),
// so results differ by rounding only: |simd - reference| <= 2 * gamma(n) * (sum |a*w| + |bias|), with
// gamma(n) = n*u / (1 - n*u), u = 2^-24 and n = K + 1 (each of the two sums is within gamma(n) of the exact value;
// the activation clamp does not widen the difference). tests/cpu/float_bound.hpp checks exactly this.
#include <algorithm>
#include <cstdint>
#include <cstddef>
#include <cstring>
#include <vector>
#include <new>

#include <xsimd/xsimd.hpp>

#include "flatnn/cpu/aligned_vector.hpp"

namespace flatnn::cpu {

// The float kernels' architecture for a level's tag: AVX2 uses the FMA3 variant (xsimd's plain avx2 tag computes
// fma as a separate multiply and add); AVX-512 uses avx512f with fmadd below.
template <class A>
struct float_arch {
    using type = A;
};
#if XSIMD_WITH_FMA3_AVX2
template <>
struct float_arch<xsimd::avx2> {
    using type = xsimd::fma3<xsimd::avx2>;
};
#endif

// x * y + z with one rounding. xsimd 8.1 has no fused form for avx512f (its fma there is a multiply and an add),
// so the 512-bit one is spelled out.
template <class A>
inline xsimd::batch<float, A> fmadd(const xsimd::batch<float, A>& x, const xsimd::batch<float, A>& y,
                                    const xsimd::batch<float, A>& z) noexcept {
    return xsimd::fma(x, y, z);
}
// min(hi, max(lo, v)) in x86 operand order (a NaN v stays NaN, as in the reference clamp). The 512-bit form uses
// the zero-masked intrinsics: GCC 12 flags the plain ones' undefined pass-through operand (-Wuninitialized).
template <class A>
inline xsimd::batch<float, A> clamp(const xsimd::batch<float, A>& v, const xsimd::batch<float, A>& lo,
                                    const xsimd::batch<float, A>& hi) noexcept {
    return xsimd::min(hi, xsimd::max(lo, v));
}
#if XSIMD_WITH_AVX512F
inline xsimd::batch<float, xsimd::avx512f> clamp(const xsimd::batch<float, xsimd::avx512f>& v,
                                                 const xsimd::batch<float, xsimd::avx512f>& lo,
                                                 const xsimd::batch<float, xsimd::avx512f>& hi) noexcept {
    return _mm512_maskz_min_ps(0xFFFF, hi, _mm512_maskz_max_ps(0xFFFF, lo, v));
}
#endif

#if XSIMD_WITH_AVX512F
inline xsimd::batch<float, xsimd::avx512f> fmadd(const xsimd::batch<float, xsimd::avx512f>& x,
                                                 const xsimd::batch<float, xsimd::avx512f>& y,
                                                 const xsimd::batch<float, xsimd::avx512f>& z) noexcept {
    return _mm512_fmadd_ps(x, y, z);
}
#endif

using float_vector = aligned_vector<float>;

struct gemm_panels {
    int32_t K = 0, N = 0, NR = 0, panels = 0;
    bool narrow_tail = false;  // the last panel holds NR / 2 columns (N % NR is at most NR / 2)
    float act_min = 0, act_max = 0;
    float_vector w;  // panels x [NR bias][K][NR]; a narrow last panel is [NR/2 bias][K][NR/2]
    size_t panel_stride() const noexcept { return size_t(K + 1) * size_t(NR); }
    const float* panel(int32_t i) const noexcept { return w.data() + size_t(i) * panel_stride(); }
    int32_t panel_width(int32_t i) const noexcept { return narrow_tail && i == panels - 1 ? NR / 2 : NR; }
};

// weights: N rows of K floats (row n is output channel n); bias: N floats or null. When the last panel would be at
// most half full (N = 16 on AVX-512: the whole layer) it is packed half as wide and run by the one-vector kernel,
// so no multiply-adds go to empty columns.
inline void pack_gemm_panels(gemm_panels& g, const float* weights, const float* bias, int32_t N, int32_t K, int32_t nr,
                             float act_min, float act_max) {
    g.K = K;
    g.N = N;
    g.NR = nr;
    g.panels = (N + nr - 1) / nr;
    g.narrow_tail = N % nr != 0 && N % nr <= nr / 2;
    g.act_min = act_min;
    g.act_max = act_max;
    g.w.assign(size_t(g.panels) * g.panel_stride(), 0.0f);
    for (int32_t n = 0; n < N; ++n) {
        const int32_t pi = n / nr, width = g.panel_width(pi);
        float* p = g.w.data() + size_t(pi) * g.panel_stride() + size_t(n % nr);
        p[0] = bias ? bias[n] : 0.0f;
        for (int32_t k = 0; k < K; ++k) p[size_t(k + 1) * size_t(width)] = weights[size_t(n) * size_t(K) + size_t(k)];
    }
}

template <class A>
struct gemm_tiling {
    // Rows per microkernel call on a full panel (6 x 2 vectors; 7 and 8 rows measured slower on AVX-512).
    static constexpr int mr = 6;
    static constexpr int nr = 2 * int(xsimd::batch<float, A>::size);  // columns per panel
};

// R rows x one panel of V vectors (V = 2: a full panel; V = 1: a narrow last panel, R up to 2 * S). a: the row
// pointers from the first row's tile on, [tile][taps][S], each to C floats; out: row r at out + r * ldo; only the
// first `count` columns are stored.
template <class A, int R, int S, int V>
inline void gemm_tile(const float* const* a, int32_t taps, int32_t C, const float* panel, float* out, size_t ldo,
                      int32_t count, float act_min, float act_max) noexcept {
    using B = xsimd::batch<float, A>;
    constexpr int L = int(B::size);
    B acc[V][R];
    for (int v = 0; v < V; ++v) {
        const B b = B::load_aligned(panel + v * L);
        for (int r = 0; r < R; ++r) acc[v][r] = b;
    }
    const float* w = panel + V * L;
    const size_t tile_ptrs = size_t(taps) * S;
    for (int32_t t = 0; t < taps; ++t) {
        const float* p[R];
        for (int r = 0; r < R; ++r) p[r] = a[size_t(r / S) * tile_ptrs + size_t(t) * S + size_t(r % S)];
        for (int32_t c = 0; c < C; ++c, w += V * L) {
            B b[V];
            for (int v = 0; v < V; ++v) b[v] = B::load_aligned(w + v * L);
            for (int r = 0; r < R; ++r) {
                const B x(p[r][c]);
                for (int v = 0; v < V; ++v) acc[v][r] = fmadd(x, b[v], acc[v][r]);
            }
        }
    }
    // Bound first: maxps/minps return the second operand when one is NaN, so NaN propagates as in the reference.
    const B lo(act_min), hi(act_max);
    for (int r = 0; r < R; ++r) {
        float* o = out + size_t(r) * ldo;
        if (count == V * L) {
            for (int v = 0; v < V; ++v) clamp(acc[v][r], lo, hi).store_unaligned(o + v * L);
        } else {
            alignas(64) float tmp[V * L];
            for (int v = 0; v < V; ++v) clamp(acc[v][r], lo, hi).store_aligned(tmp + v * L);
            std::memcpy(o, tmp, size_t(count) * sizeof(float));
        }
    }
}

// One row x P full panels (a FULLY_CONNECTED with one batch: every weight is read once, from memory). A single
// panel would run two accumulator chains, one multiply-add per FMA latency each; P panels run 2P chains over P
// weight streams, which the memory system serves in parallel. a: the block's row pointers, tile-major with S rows
// per tile, so the row's tap t is a[t * S].
template <class A, int P, int S>
inline void gemm_row_panels(const float* const* a, int32_t taps, int32_t C, const gemm_panels& g, int32_t p0,
                            float* out) noexcept {
    using B = xsimd::batch<float, A>;
    constexpr int L = int(B::size);
    const size_t ps = g.panel_stride();
    const float* w = g.panel(p0);
    B acc[P][2];
    for (int p = 0; p < P; ++p)
        for (int v = 0; v < 2; ++v) acc[p][v] = B::load_aligned(w + size_t(p) * ps + size_t(v) * L);
    w += 2 * L;
    for (int32_t t = 0; t < taps; ++t) {
        const float* x = a[size_t(t) * S];
        for (int32_t c = 0; c < C; ++c, w += 2 * L) {
            const B xb(x[c]);
            for (int p = 0; p < P; ++p)
                for (int v = 0; v < 2; ++v)
                    acc[p][v] = fmadd(xb, B::load_aligned(w + size_t(p) * ps + size_t(v) * L), acc[p][v]);
        }
    }
    const B lo(g.act_min), hi(g.act_max);
    for (int p = 0; p < P; ++p)
        for (int v = 0; v < 2; ++v) clamp(acc[p][v], lo, hi).store_unaligned(out + size_t(p) * g.NR + size_t(v) * L);
}

namespace detail {
// The last rows - r0 (< M) rows of a block through the R-row kernels, R counting down.
template <class A, int R, int S, int V>
inline void gemm_rest(const float* const* a, int32_t rows, int32_t taps, int32_t C, const float* panel, float* out,
                      size_t ldo, int32_t count, float act_min, float act_max) noexcept {
    if constexpr (R > 0) {
        if (rows == R) return gemm_tile<A, R, S, V>(a, taps, C, panel, out, ldo, count, act_min, act_max);
        gemm_rest<A, R - 1, S, V>(a, rows, taps, C, panel, out, ldo, count, act_min, act_max);
    }
}

// Rows [0, rows) x one panel: tiles of M rows (a multiple of S), then the rest.
template <class A, int M, int S, int V>
inline void gemm_panel_rows(const float* const* a, int32_t rows, int32_t taps, int32_t C, const float* panel,
                            float* out, size_t ldo, int32_t count, float act_min, float act_max) noexcept {
    const size_t step = size_t(taps) * M;  // pointers of M rows
    int32_t r = 0;
    for (; r + M <= rows; r += M, a += step, out += M * ldo)
        gemm_tile<A, M, S, V>(a, taps, C, panel, out, ldo, count, act_min, act_max);
    if (r < rows) gemm_rest<A, M - 1, S, V>(a, rows - r, taps, C, panel, out, ldo, count, act_min, act_max);
}
}  // namespace detail

// Rows [0, rows) of a block (rows <= block capacity) x panels [p0, p1). a: the block's row pointers, tile by tile
// ([rows / S tiles][taps][S]); out: the block's first row, ldo floats apart.
template <class A>
inline void gemm_block(const gemm_panels& g, const float* const* a, int32_t rows, int32_t taps, int32_t C, int32_t p0,
                       int32_t p1, float* out, size_t ldo) noexcept {
    constexpr int S = gemm_tiling<A>::mr;
    if (rows == 1) {  // four full panels at a time while they are wholly inside the output
        constexpr int P = 4;
        for (; p0 + P <= p1 && (p0 + P) * g.NR <= g.N; p0 += P)
            gemm_row_panels<A, P, S>(a, taps, C, g, p0, out + p0 * g.NR);
    }
    for (int32_t pi = p0; pi < p1; ++pi) {
        const float* panel = g.panel(pi);
        const int32_t n0 = pi * g.NR, count = std::min(g.panel_width(pi), g.N - n0);
        if (g.panel_width(pi) == g.NR)
            detail::gemm_panel_rows<A, S, S, 2>(a, rows, taps, C, panel, out + n0, ldo, count, g.act_min, g.act_max);
        else
            detail::gemm_panel_rows<A, 2 * S, S, 1>(a, rows, taps, C, panel, out + n0, ldo, count, g.act_min,
                                                    g.act_max);
    }
}

}  // namespace flatnn::cpu
