#pragma once
// The float bound of the CPU float kernels (backends/cpu/include/flatnn/cpu/float_gemm.hpp) and helpers to check
// SIMD float kernels against the reference ones on every SIMD level this machine runs.
//
// For one output y = clamp(bias + sum_i a_i * w_i) with n = terms + 1 additions, the reference and the SIMD kernel
// each compute the sum within gamma(n) * S of the exact value, S = sum |a_i * w_i| + |bias|, gamma(n) =
// n*u / (1 - n*u), u = 2^-24 (Higham, Accuracy and Stability of Numerical Algorithms, 3.1; FMA only removes
// roundings). So |simd - reference| <= 2 * gamma(n) * S. S itself is computed in float by the reference kernel
// on |a|, |w|, |bias|, so it is enlarged by one more gamma(n) factor.
#include <cmath>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/cpu/float_gemm.hpp"

namespace flatnn::test {

inline double float_gamma(int64_t n) {
    const double nu = double(n) * std::ldexp(1.0, -24);
    return nu / (1.0 - nu);
}

// Allowed |got - want| for an output whose absolute sum (as above) is `abs_sum`, over `terms` products.
inline double float_bound(double abs_sum, int64_t terms) {
    const double g = float_gamma(terms + 1);
    return 2.0 * g * abs_sum * (1.0 + g) + 1e-37;
}

struct float_compare {
    size_t count = 0, violations = 0, first = 0;
    double worst_ratio = 0;  // max |got - want| / bound
    std::string first_text;
    // want, got, abs_sum: one entry per output.
    void run(const std::vector<float>& want, const std::vector<float>& got, const std::vector<float>& abs_sum,
             int64_t terms) {
        count = want.size();
        for (size_t i = 0; i < want.size(); ++i) {
            const double bound = float_bound(double(abs_sum[i]), terms);
            const bool both_nan = std::isnan(want[i]) && std::isnan(got[i]);
            const double diff = std::fabs(double(got[i]) - double(want[i]));
            if (!both_nan && bound > 0) worst_ratio = std::max(worst_ratio, diff / bound);
            if (!both_nan && !(diff <= bound) && violations++ == 0) {
                first = i;
                std::ostringstream s;
                s << "output " << i << ": want " << want[i] << " got " << got[i] << " bound " << bound;
                first_text = s.str();
            }
        }
    }
};

inline std::vector<float> random_floats(std::mt19937& rng, size_t n, float lo = -1.0f, float hi = 1.0f) {
    std::uniform_real_distribution<float> d(lo, hi);
    std::vector<float> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

inline std::vector<float> abs_of(std::vector<float> v) {
    for (auto& x : v) x = std::fabs(x);
    return v;
}

// Calls f(arch_tag) with the float kernels' xsimd architecture for `level` (none for reference).
template <class F>
void with_float_arch(cpu::simd_level level, F&& f) {
#if XSIMD_WITH_AVX512BW && XSIMD_WITH_AVX2
    if (level == cpu::simd_level::avx512) f(typename cpu::float_arch<xsimd::avx512f>::type{});
#endif
#if XSIMD_WITH_AVX2
    if (level == cpu::simd_level::avx2) f(typename cpu::float_arch<xsimd::avx2>::type{});
#endif
#if XSIMD_WITH_SSE4_1
    if (level == cpu::simd_level::sse4_1) f(typename cpu::float_arch<xsimd::sse4_1>::type{});
#endif
    (void)level;
    (void)f;
}

}  // namespace flatnn::test
