// The gemmlowp-style fixed-point functions (reference/fixed_point_math.hpp) approximate their real functions
// closely over their domains; the LOG_SOFTMAX fixtures check them bit for bit against TensorFlow Lite.
#include <doctest/doctest.h>

#include <cmath>

#include "flatnn/reference/fixed_point_math.hpp"

using namespace flatnn::reference;

namespace {
double real(int32_t raw, int int_bits) { return std::ldexp(double(raw), int_bits - 31); }
int32_t raw(double v, int int_bits) { return int32_t(std::lround(std::ldexp(v, 31 - int_bits))); }
}  // namespace

TEST_CASE("fixed-point exp on negative values, 1/(1+x) and log(x >= 1) track their real functions") {
    for (int bits : {0, 3, 5, 12}) {
        CAPTURE(bits);
        const double lo = bits == 0 ? -1.0 : -std::ldexp(1.0, bits) + 1e-6;
        for (int i = 0; i <= 2000; ++i) {
            const double x = lo * i / 2000.0;
            const int32_t r = raw(x, bits);
            CAPTURE(x);
            CHECK(std::fabs(real(fxp::exp_on_negative_values(r, bits), 0) - std::exp(real(r, bits))) < 2e-8 * 64);
        }
    }
    for (int i = 0; i < 1000; ++i) {
        const double x = i / 1000.0;
        CAPTURE(x);
        CHECK(std::fabs(real(fxp::one_over_one_plus_x(raw(x, 0)), 0) - 1.0 / (1.0 + x)) < 1e-8);
    }
    for (int in_bits : {5, 12}) {
        for (int i = 0; i < 1000; ++i) {
            const double x = 1.0 + (std::ldexp(1.0, in_bits) - 1.01) * i / 1000.0;
            const int32_t r = raw(x, in_bits);
            CAPTURE(x);
            CHECK(std::fabs(real(fxp::log_x_for_x_ge_1(r, in_bits, 5), 5) - std::log(real(r, in_bits))) < 1e-6);
        }
    }
    CHECK(fxp::exp_on_negative_values(0, 5) == INT32_MAX);
    CHECK(fxp::exp_on_negative_values(raw(-31.9, 12), 12) == 0);  // exp(-31.9) is below Q0.31's resolution
}
