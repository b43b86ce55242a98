// FULLY_CONNECTED kernels on hand-computed cases.
#include <doctest/doctest.h>

#include <limits>

#include "flatnn/reference/fully_connected.hpp"

using namespace flatnn;

TEST_CASE("fully_connected float, two batches, bias and RELU") {
    const float x[6] = {1, 2, 3, -1, 0, 1};
    const float w[6] = {1, 0, -1, 2, 2, 2};
    const float b[2] = {0.5f, -1.0f};
    float y[4] = {};
    reference::fully_connected_params p;
    p.batches = 2;
    p.input_size = 3;
    p.units = 2;
    p.act_min = 0.0f;
    p.act_max = std::numeric_limits<float>::infinity();
    reference::fully_connected_float(p, x, w, b, y);
    CHECK(y[0] == 0.0f);   // 1 - 3 + 0.5 = -1.5 -> 0
    CHECK(y[1] == 11.0f);  // 12 - 1
    CHECK(y[2] == 0.0f);   // -1 - 1 + 0.5 = -1.5 -> 0
    CHECK(y[3] == 0.0f);   // 2*(-1+0+1) - 1 = -1 -> 0
}

TEST_CASE("fully_connected uint8 with weight zero point") {
    const uint8_t x[2] = {12, 8};  // zp 10: +2, -2
    const uint8_t w[2] = {6, 4};   // zp 5: +1, -1
    const int32_t b[1] = {4};
    uint8_t y[1] = {};
    reference::fully_connected_params p;
    p.batches = 1;
    p.input_size = 2;
    p.units = 1;
    p.q.input_offset = -10;
    p.q.filter_offset = -5;
    p.q.output_zero_point = 3;
    p.q.act_min = 0;
    p.q.act_max = 255;
    p.q.multiplier = {1 << 30};  // 0.25 = 0.5 * 2^-1
    p.q.shift = {-1};
    reference::fully_connected_quantized<uint8_t, uint8_t>(p, x, w, b, y);
    CHECK(y[0] == 5);  // (2 + 2 + 4) * 0.25 + 3
}

TEST_CASE("fully_connected int8 per-channel: round-half-up final shift when asked") {
    const int8_t x[1] = {-6};
    const int8_t w[2] = {1, 1};
    int8_t y[2] = {};
    reference::fully_connected_params p;
    p.batches = 1;
    p.input_size = 1;
    p.units = 2;
    p.q.act_min = -128;
    p.q.act_max = 127;
    p.q.multiplier = {1 << 30, 1 << 30};  // 0.25 = 0.5 * 2^-1 each
    p.q.shift = {-1, -1};
    reference::fully_connected_quantized<int8_t, int8_t>(p, x, w, nullptr, y);
    CHECK(y[0] == -2);  // -1.5 away from zero
    p.round_up = true;
    reference::fully_connected_quantized<int8_t, int8_t>(p, x, w, nullptr, y);
    CHECK(y[0] == -1);  // -1.5 half up
    // The doubling high multiply rounds first (-10 * 0.5 = -5 exactly), then the shift: -5 / 4 = -1.25 -> -1.
    CHECK(fixed_point::multiply_by_quantized_multiplier_round_up(-10, 1 << 30, -2) == -1);
    CHECK(fixed_point::multiply_by_quantized_multiplier_round_up(6, 1 << 30, -1) == 2);  // 1.5 -> 2
    CHECK(fixed_point::multiply_by_quantized_multiplier_round_up(7, 1 << 30, 1) == 7);   // shift 1, no rounding
}
