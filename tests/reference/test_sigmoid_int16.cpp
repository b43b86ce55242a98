// int16 LOGISTIC / TANH: the measured sigmoid table against the function it samples, and the kernels at points
// worked by hand (zero, saturation, a table node). Bit-exactness with TensorFlow Lite over 4096 inputs per
// parameter path is in the fixtures (tests/data/ops/{logistic,tanh}_int16_*).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "flatnn/reference/sigmoid_int16.hpp"

using namespace flatnn;

TEST_CASE("int16 sigmoid table: increasing, within 2 of 2^16 sigmoid(k/24)") {
    for (int k = 0; k < 256; ++k) {
        CAPTURE(k);
        CHECK(std::fabs(reference::sigmoid_table_int16[k] - 65536.0 / (1.0 + std::exp(-k / 24.0))) <= 2.0);
        if (k > 0) CHECK(reference::sigmoid_table_int16[k] >= reference::sigmoid_table_int16[k - 1]);
    }
}

TEST_CASE("int16 LOGISTIC and TANH at zero, at a table node and saturated") {
    reference::sigmoid_int16_params p;
    // Input scale 2^-12: TFLite's power-of-two case, position = 3x (LOGISTIC reads entry 3x / 512).
    REQUIRE(reference::sigmoid_int16_prepare(1.0f / 4096, false, p).empty());
    CHECK(p.multiplier == 3);
    CHECK(p.left_shift == 0);
    const std::vector<int16_t> x{0, 512, -512};
    std::vector<int16_t> y(x.size());
    reference::logistic_int16(p, int64_t(x.size()), x.data(), y.data());
    // 0 -> 0.5; x = 512 is position 1536 = entry 3 exactly: (T[3] * 512 + 512) >> 10, and its mirror image
    // (2^25 - T[3] * 512 + 511) >> 10.
    const uint32_t t3 = reference::sigmoid_table_int16[3];
    CHECK(y == std::vector<int16_t>{16384, int16_t((t3 * 512 + 512) >> 10), int16_t(((1u << 25) - t3 * 512 + 511) >> 10)});

    REQUIRE(reference::sigmoid_int16_prepare(1.0f / 4096, true, p).empty());
    reference::tanh_int16(p, int64_t(x.size()), x.data(), y.data());
    // TANH reads entry position / 256: x = 512 is entry 6 exactly, T[6] - 32768, and -512 its negation.
    const int t6 = reference::sigmoid_table_int16[6] - 32768;
    CHECK(y == std::vector<int16_t>{0, int16_t(t6), int16_t(-t6)});

    // Scale 2^-10 (8 positions of 1/4096 per step, times 3/2 for the table): past the table from |x| = 4 on.
    REQUIRE(reference::sigmoid_int16_prepare(1.0f / 1024, false, p).empty());
    const std::vector<int16_t> big{32767, -32768};
    std::vector<int16_t> yb(2);
    reference::logistic_int16(p, 2, big.data(), yb.data());
    CHECK(yb == std::vector<int16_t>{32767, 1});
    REQUIRE(reference::sigmoid_int16_prepare(1.0f / 1024, true, p).empty());
    reference::tanh_int16(p, 2, big.data(), yb.data());
    CHECK(yb == std::vector<int16_t>{32767, -32767});
}

TEST_CASE("int16 sigmoid parameters: general scales take a multiplier in [2^14, 2^15)") {
    reference::sigmoid_int16_params p;
    REQUIRE(reference::sigmoid_int16_prepare(3.7e-4f, false, p).empty());
    CHECK(p.multiplier >= 16384);
    CHECK(p.multiplier < 32768);
    CHECK(std::fabs(double(p.multiplier) / double(1 << p.left_shift) - 3.7e-4 * 12288.0) < 1e-3);
    CHECK_FALSE(reference::sigmoid_int16_prepare(100.0f, false, p).empty());  // would overflow the product
}
