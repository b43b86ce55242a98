// Host binary16 conversions (core/float16.hpp), used by DEQUANTIZE of float16 weights and by the Vulkan
// backend's float16 storage: every half decodes to its exact value, and float -> half rounds to nearest, ties
// to even, checked at every midpoint between neighbouring halves.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "flatnn/core/float16.hpp"

using namespace flatnn;

namespace {

// The value of a finite half from its fields, in double.
double half_value(uint16_t h) {
    const int e = (h >> 10) & 0x1f, m = h & 0x3ff;
    const double v = e == 0 ? std::ldexp(double(m), -24) : std::ldexp(double(1024 + m), e - 25);
    return (h & 0x8000) ? -v : v;
}

}  // namespace

TEST_CASE("float16: every finite half decodes exactly and converts back to itself") {
    for (uint32_t h = 0; h < 0x10000; ++h) {
        CAPTURE(h);
        const uint16_t x = uint16_t(h);
        const float f = half_to_float(x);
        if (((x >> 10) & 0x1f) == 0x1f) {
            if (x & 0x3ff) CHECK(std::isnan(f));
            else CHECK(f == ((x & 0x8000) ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity()));
            continue;
        }
        REQUIRE(double(f) == half_value(x));
        REQUIRE(float_to_half(f) == x);  // -0 keeps its sign
    }
}

TEST_CASE("float16: rounding to nearest, ties to even, at every midpoint; overflow and NaN") {
    for (uint16_t a = 0; a < 0x7bff; ++a) {  // a and its successor b, positive and negative
        CAPTURE(a);
        const uint16_t b = uint16_t(a + 1);
        const float mid = float((half_value(a) + half_value(b)) / 2);  // exact: 12 significant bits
        REQUIRE(double(mid) == (half_value(a) + half_value(b)) / 2);
        const uint16_t even = (a & 1) ? b : a;
        CHECK(float_to_half(mid) == even);
        CHECK(float_to_half(std::nextafter(mid, 0.0f)) == a);
        CHECK(float_to_half(std::nextafter(mid, 1e9f)) == b);
        CHECK(float_to_half(-mid) == uint16_t(even | 0x8000));
        CHECK(float_to_half(-std::nextafter(mid, 1e9f)) == uint16_t(b | 0x8000));
    }
    CHECK(float_to_half(65504.0f) == 0x7bff);
    CHECK(float_to_half(std::nextafter(65520.0f, 0.0f)) == 0x7bff);  // below the midpoint to "65536"
    CHECK(float_to_half(65520.0f) == 0x7c00);                        // the midpoint ties to even: infinity
    CHECK(float_to_half(1e30f) == 0x7c00);
    CHECK(float_to_half(-1e30f) == 0xfc00);
    CHECK(float_to_half(std::numeric_limits<float>::infinity()) == 0x7c00);
    CHECK(float_to_half(1e-30f) == 0x0000);
    CHECK(float_to_half(-1e-30f) == 0x8000);
    const uint16_t nan = float_to_half(std::numeric_limits<float>::quiet_NaN());
    CHECK((nan & 0x7c00) == 0x7c00);
    CHECK((nan & 0x3ff) != 0);
}
