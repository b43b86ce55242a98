// MUL: float broadcasting and the quantized single-rescale recipe on hand-computed cases.
#include <doctest/doctest.h>

#include "flatnn/reference/mul.hpp"

using namespace flatnn;

TEST_CASE("float mul broadcasts a scalar and applies RELU") {
    shape out;
    reference::broadcast_params p;
    REQUIRE(reference::make_broadcast(shape{3}, shape{}, out, p));
    CHECK(out == shape{3});
    // b is a scalar; padded to 3 so -O3 cannot warn about the indices it cannot prove stay 0.
    const float a[3] = {1.5f, -2, 4}, b[3] = {2, 99, 99};
    float y[3];
    reference::mul_float(p, 0.0f, 1e30f, a, b, y);
    CHECK(y[0] == 3.0f);
    CHECK(y[1] == 0.0f);
    CHECK(y[2] == 8.0f);
}

TEST_CASE("int8 mul: product of offset inputs, one multiplier") {
    shape out;
    reference::broadcast_params p;
    REQUIRE(reference::make_broadcast(shape{3}, shape{3}, out, p));
    // s1 = 0.5 (zp 1), s2 = 0.25 (zp 0), so = 0.125 (zp -2): factor 1.0 = (2^30, shift 1).
    // (4-1)*0.5 * (-5*0.25) = -1.875 = -15 steps -> -17; (11-1)*0.5 * 20*0.25 = 25 = 200 steps -> clamp 127;
    // (1-1) * anything = 0 -> -2.
    reference::mul_quant_params q;
    q.input1_offset = -1;
    q.input2_offset = 0;
    q.output_offset = -2;
    q.multiplier = 1 << 30;
    q.shift = 1;
    q.act_min = -128;
    q.act_max = 127;
    const int8_t a[3] = {4, 11, 1}, b[3] = {-5, 20, 99};
    int8_t y[3];
    reference::mul_quantized<int8_t>(p, q, a, b, y);
    CHECK(y[0] == -17);
    CHECK(y[1] == 127);
    CHECK(y[2] == -2);
}

TEST_CASE("uint8 mul rounds through SRDHM") {
    shape out;
    reference::broadcast_params p;
    REQUIRE(reference::make_broadcast(shape{2}, shape{1}, out, p));
    // Factor 0.5 = (2^30, shift 0). Products 3 and -3 give 1.5 and -1.5; SRDHM's nudge (§7.3) rounds them to
    // (3·2^30 + 2^30) / 2^31 = 2 and trunc((-3·2^30 + 1 - 2^30) / 2^31) = -1. Zero points 10, 10, 100.
    reference::mul_quant_params q;
    q.input1_offset = -10;
    q.input2_offset = -10;
    q.output_offset = 100;
    q.multiplier = 1 << 30;
    q.shift = 0;
    q.act_min = 0;
    q.act_max = 255;
    const uint8_t a[2] = {13, 7}, b[1] = {11};
    uint8_t y[2];
    reference::mul_quantized<uint8_t>(p, q, a, b, y);
    CHECK(y[0] == 102);
    CHECK(y[1] == 99);
}
