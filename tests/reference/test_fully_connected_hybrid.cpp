// Hybrid FULLY_CONNECTED kernel and its on-the-fly input quantization on hand-computed cases.
#include <doctest/doctest.h>

#include <limits>

#include "flatnn/reference/fully_connected_hybrid.hpp"

using namespace flatnn;

TEST_CASE("hybrid input quantization: symmetric row, ties away from zero") {
    const float x[4] = {1.0f, -0.5f, 0.25f, 0.0f};
    int8_t q[4] = {};
    const reference::hybrid_row_quant r = reference::quantize_row_symmetric(x, 4, q);
    CHECK(r.scale == 1.0f / 127.0f);  // range 1 over 127 steps
    CHECK(r.offset == 0);
    CHECK(q[0] == 127);
    CHECK(q[1] == -64);  // -63.5
    CHECK(q[2] == 32);   // 31.75
    CHECK(q[3] == 0);
}

TEST_CASE("hybrid input quantization: asymmetric row, zero point from the end with the smaller error") {
    // [-1, 2] over 255 steps: scale 3/255, -1 / scale = -85 so the zero point is -128 + 85 = -43.
    const float x[3] = {-1.0f, 0.4f, 2.0f};
    int8_t q[3] = {};
    const reference::hybrid_row_quant r = reference::quantize_row_asymmetric(x, 3, q);
    CHECK(r.scale == 3.0f / 255.0f);
    CHECK(r.offset == -43);
    CHECK(q[0] == -128);
    CHECK(q[1] == -9);  // -43 + 34
    CHECK(q[2] == 127);
    // All positive: the range is widened to include 0, which is then the lowest level.
    const float y[4] = {0.0f, 1.0f, 2.0f, 3.0f};
    int8_t qy[4] = {};
    const reference::hybrid_row_quant ry = reference::quantize_row_asymmetric(y, 4, qy);
    CHECK(ry.offset == -128);
    CHECK(qy[0] == -128);
    CHECK(qy[1] == -43);
    CHECK(qy[2] == 42);
    CHECK(qy[3] == 127);
}

TEST_CASE("hybrid input quantization: an all-zero row gives zeros, scale 1") {
    const float x[3] = {0.0f, 0.0f, 0.0f};
    int8_t q[3] = {5, 5, 5};
    for (bool asym : {false, true}) {
        const reference::hybrid_row_quant r =
            asym ? reference::quantize_row_asymmetric(x, 3, q) : reference::quantize_row_symmetric(x, 3, q);
        CHECK(r.scale == 1.0f);
        CHECK(r.offset == 0);
        CHECK((q[0] == 0 && q[1] == 0 && q[2] == 0));
    }
}

TEST_CASE("hybrid fully_connected: per-unit weight scales, bias, RELU, symmetric and asymmetric rows") {
    const int8_t w[8] = {1, 2, 3, 4, -1, 0, 0, 127};
    const float bias[2] = {0.1f, -0.2f};
    reference::fully_connected_hybrid_params p;
    p.batches = 2;
    p.input_size = 4;
    p.units = 2;
    p.weight_scale = {0.5f, 0.25f};
    p.act_min = -std::numeric_limits<float>::infinity();
    p.act_max = std::numeric_limits<float>::infinity();
    const float x[8] = {1.0f, -0.5f, 0.25f, 0.0f, 0.0f, 1.0f, 2.0f, 3.0f};
    int8_t qrow[4];
    float y[4] = {};

    reference::fully_connected_hybrid(p, x, w, bias, y, qrow);
    // Row 0: q = {127, -64, 32, 0}, scale 1/127. Unit 0: 127 - 128 + 96 = 95; unit 1: -127.
    CHECK(y[0] == 0.1f + 95.0f * ((1.0f / 127.0f) * 0.5f));
    CHECK(y[1] == -0.2f + -127.0f * ((1.0f / 127.0f) * 0.25f));
    // Row 1 symmetric: range 3, q = {0, 42, 85, 127} (1 * 127/3 = 42.33, 2 * 127/3 = 84.67).
    // Unit 0: 84 + 255 + 508 = 847; unit 1: 127 * 127 = 16129.
    CHECK(y[2] == 0.1f + 847.0f * ((3.0f / 127.0f) * 0.5f));
    CHECK(y[3] == -0.2f + 16129.0f * ((3.0f / 127.0f) * 0.25f));

    p.asymmetric = true;
    p.act_min = 0.0f;  // RELU
    reference::fully_connected_hybrid(p, x, w, bias, y, qrow);
    // Row 1 asymmetric: q = {-128, -43, 42, 127}, offset -128 (see above). Unit 0: sum w q = 420, sum w = 10,
    // 420 + 1280 = 1700 (= 20 / (3/255), the exact real dot product); unit 1: sum w q = 16257, sum w = 126,
    // 16257 + 126 * 128 = 32385 (= 381 / (3/255)).
    const float s = 3.0f / 255.0f;
    CHECK(y[2] == 0.1f + 1700.0f * (s * 0.5f));
    CHECK(y[2] == doctest::Approx(10.1f));
    CHECK(y[3] == -0.2f + 32385.0f * (s * 0.25f));
    // Row 0 asymmetric, unit 1 is negative before RELU: -0.2 + (-1 * 1 + 127 * 0) * 0.25 = -0.45 -> 0.
    CHECK(y[1] == 0.0f);
}
