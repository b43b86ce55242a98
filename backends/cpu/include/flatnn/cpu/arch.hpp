#pragma once
// Which SIMD level the CPU backend's kernels run at. Kernels are templates over xsimd architecture tags; a level is
// usable when the compile flags enable it (xsimd 8.1 cannot instantiate a wider architecture than the flags allow)
// and the running CPU has it. The best usable level is chosen in prepare; a lower one can be forced with
// cpu_backend_options::max_arch or the environment variable FLATNN_CPU_ARCH=reference|sse4.1|avx2|avx512 (tests use
// this to run every path the machine can run). The AVX-512 level (F and BW) runs the float kernels on
// xsimd::avx512f and the integer kernels on xsimd::avx512bw (int_arch).
#include <cstdlib>
#include <cstring>
#include <string>

#include <xsimd/xsimd.hpp>

namespace flatnn::cpu {

enum class simd_level : int { reference = 0, sse4_1 = 1, avx2 = 2, avx512 = 3 };

inline const char* simd_level_name(simd_level l) noexcept {
    switch (l) {
        case simd_level::sse4_1: return "sse4.1";
        case simd_level::avx2: return "avx2";
        case simd_level::avx512: return "avx512";
        default: return "reference";
    }
}

// Parses "reference", "sse4.1" (or "sse4_1"), "avx2", "avx512"; false for anything else.
inline bool parse_simd_level(const char* s, simd_level& out) noexcept {
    if (!s) return false;
    if (!std::strcmp(s, "reference") || !std::strcmp(s, "none")) return out = simd_level::reference, true;
    if (!std::strcmp(s, "sse4.1") || !std::strcmp(s, "sse4_1")) return out = simd_level::sse4_1, true;
    if (!std::strcmp(s, "avx2")) return out = simd_level::avx2, true;
    if (!std::strcmp(s, "avx512")) return out = simd_level::avx512, true;
    return false;
}

// The highest level the compile flags enable (kernels exist for it and, unless FLATNN_CPU_BEST_ARCH_ONLY,
// for every level below it).
inline constexpr simd_level compiled_simd_level() noexcept {
#if XSIMD_WITH_AVX512BW && XSIMD_WITH_AVX2
    return simd_level::avx512;
#elif XSIMD_WITH_AVX2
    return simd_level::avx2;
#elif XSIMD_WITH_SSE4_1
    return simd_level::sse4_1;
#else
    return simd_level::reference;
#endif
}

// FLATNN_CPU_BEST_ARCH_ONLY (define it for the whole program: it changes cpu_backend) compiles the SIMD kernels
// for the best level the compile flags enable only (AVX2 with -mavx2 -mfma or -march=native, else SSE4.1),
// not for the lower levels as well: about half the kernel code to compile. A lower level, forced or found at run
// time, then runs the reference kernels; a program built with AVX2 flags needs an AVX2 CPU anyway, as the
// compiler may use AVX2 anywhere in it.
inline constexpr bool simd_level_compiled(simd_level l) noexcept {
    if (l == simd_level::reference) return true;
    if (int(l) > int(compiled_simd_level())) return false;
#ifdef FLATNN_CPU_BEST_ARCH_ONLY
    return l == compiled_simd_level();
#else
    return true;
#endif
}

// Best level both compiled in and supported by the running CPU.
inline simd_level runtime_simd_level() noexcept {
    const auto cpu = xsimd::available_architectures();
    simd_level best = simd_level::reference;
    if (cpu.sse4_1) best = simd_level::sse4_1;
    // The float kernels use FMA at this level when the compile flags enable it (float_gemm.hpp).
    if (cpu.avx2 && (!XSIMD_WITH_FMA3_AVX2 || cpu.fma3_avx2)) best = simd_level::avx2;
    if (best == simd_level::avx2 && cpu.avx512f && cpu.avx512bw) best = simd_level::avx512;
    return int(best) < int(compiled_simd_level()) ? best : compiled_simd_level();
}

// The level kernels use: the runtime level, lowered by `requested` and by FLATNN_CPU_ARCH when set and valid.
inline simd_level effective_simd_level(simd_level requested) noexcept {
    simd_level l = runtime_simd_level();
    if (int(requested) < int(l)) l = requested;
    simd_level env;
    if (parse_simd_level(std::getenv("FLATNN_CPU_ARCH"), env) && int(env) < int(l)) l = env;
    return simd_level_compiled(l) ? l : simd_level::reference;
}

// The integer kernels' architecture for a level's tag: the AVX-512 level's float tag is avx512f, its integer
// kernels need AVX512BW (int_simd.hpp).
template <class A>
struct int_arch {
    using type = A;
};
#if XSIMD_WITH_AVX512BW && XSIMD_WITH_AVX2
template <>
struct int_arch<xsimd::avx512f> {
    using type = xsimd::avx512bw;
};
#endif

// The cost of one channel block of an integer kernel at a level, in quarters of an SSE4.1 block: wider registers
// do more per instruction but not proportionally more per cycle, and pad a small channel count with more dead lanes.
inline constexpr int32_t int_block_cost(simd_level l) noexcept {
    return l == simd_level::avx512 ? 8 : l == simd_level::avx2 ? 5 : 4;
}
inline constexpr int32_t int_block_lanes(simd_level l) noexcept {
    return l == simd_level::avx512 ? 32 : l == simd_level::avx2 ? 16 : 8;
}
// Of the integer levels from `top` down that are compiled, the one whose blocks of int16 lanes cover `channels`
// at the least cost (the widest on ties).
inline simd_level int_level_for_channels(simd_level top, int32_t channels) noexcept {
    simd_level best = top;
    int64_t best_cost = -1;
    for (int l = int(top); l >= int(simd_level::sse4_1); --l) {
        const simd_level lv = simd_level(l);
        if (!simd_level_compiled(lv)) continue;
        const int64_t blocks = (int64_t(channels) + int_block_lanes(lv) - 1) / int_block_lanes(lv);
        const int64_t cost = blocks * int_block_cost(lv);
        if (best_cost < 0 || cost < best_cost) best = lv, best_cost = cost;
    }
    return best;
}

}  // namespace flatnn::cpu
