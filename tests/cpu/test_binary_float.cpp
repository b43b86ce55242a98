// SIMD float32 ADD and MUL (same shapes) against the reference kernels: one rounding per element in both, so the
// results must be identical (NaN where the reference gives NaN).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "cpu/float_bound.hpp"
#include "flatnn/cpu/binary_float.hpp"
#include "flatnn/reference/add.hpp"
#include "flatnn/reference/mul.hpp"

namespace {
using namespace flatnn;

template <cpu::binary_float_op Op>
void check_binary() {
    std::mt19937 rng(5);
    const float inf = std::numeric_limits<float>::infinity();
    for (cpu::simd_level level : test::runnable_simd_levels())
        for (int64_t n : {1, 7, 8, 9, 31, 64, 1001}) {
            auto a = test::random_floats(rng, size_t(n), -8.0f, 8.0f), b = test::random_floats(rng, size_t(n), -8.0f, 8.0f);
            if (n > 3) a[2] = std::numeric_limits<float>::quiet_NaN(), b[3] = inf;
            for (const auto& range : {std::pair<float, float>{-inf, inf}, {0.0f, inf}, {0.0f, 6.0f}}) {
                const float lo = range.first, hi = range.second;  // not a structured binding: lambdas capture it
                reference::broadcast_params bp;
                shape s{int32_t(n)}, so;
                REQUIRE(reference::make_broadcast(s, s, so, bp));
                std::vector<float> want(static_cast<size_t>(n)), got(static_cast<size_t>(n), -3.0f);
                if constexpr (Op == cpu::binary_float_op::add)
                    reference::add_float(bp, lo, hi, a.data(), b.data(), want.data());
                else
                    reference::mul_float(bp, lo, hi, a.data(), b.data(), want.data());
                const int64_t split = n / 3;
                test::with_float_arch(level, [&](auto arch) {
                    using A = decltype(arch);
                    cpu::binary_float_range<A, Op>(a.data(), b.data(), got.data(), 0, split, lo, hi);
                    cpu::binary_float_range<A, Op>(a.data(), b.data(), got.data(), split, n, lo, hi);
                });
                size_t mismatches = 0;
                for (size_t i = 0; i < want.size(); ++i)
                    if (!(want[i] == got[i] || (std::isnan(want[i]) && std::isnan(got[i])))) ++mismatches;
                INFO("level " << cpu::simd_level_name(level) << " n " << n << " range " << lo << ".." << hi);
                CHECK(mismatches == 0);
            }
        }
}

TEST_CASE("cpu add float SIMD kernel equals the reference kernel") { check_binary<cpu::binary_float_op::add>(); }
TEST_CASE("cpu mul float SIMD kernel equals the reference kernel") { check_binary<cpu::binary_float_op::mul>(); }

}  // namespace
