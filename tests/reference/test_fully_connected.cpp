// FULLY_CONNECTED kernels on hand-computed cases.
#include <doctest/doctest.h>

#include <limits>

#include "flatnn/ops/fully_connected.hpp"

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
    p.scale = {0.25};
    reference::fully_connected_quantized<uint8_t, uint8_t>(p, x, w, b, y);
    CHECK(y[0] == 5);  // (2 + 2 + 4) * 0.25 + 3
}

TEST_CASE("fully_connected int8: double-precision rescale, ties away from zero") {
    const int8_t x[1] = {-6};
    const int8_t w[3] = {1, 1, 1};
    int8_t y[3] = {};
    reference::fully_connected_params p;
    p.batches = 1;
    p.input_size = 1;
    p.units = 3;
    p.q.act_min = -128;
    p.q.act_max = 127;
    p.scale = {0.25, -0.25, 0.325};
    reference::fully_connected_quantized<int8_t, int8_t, int32_t>(p, x, w, nullptr, y);
    CHECK(y[0] == -2);  // -6 * 0.25 = -1.5 -> -2
    CHECK(y[1] == 2);   // 1.5 -> 2
    // -6 * 0.325 = -1.95 -> -2.
    CHECK(y[2] == -2);
    const int8_t x4[1] = {-4};
    reference::fully_connected_quantized<int8_t, int8_t, int32_t>(p, x4, w, nullptr, y);
    // -4 * 0.325 = -1.3 -> -1, where a fixed-point multiplier rounds twice: 0.325 = 0.65 * 2^-1 with
    // round(0.65 * 2^31) = 1395864371; SRDHM gives round(-2.6) = -3, then the shift -1.5 -> -2.
    CHECK(y[2] == -1);
    CHECK(fixed_point::multiply_by_quantized_multiplier(-4, 1395864371, -1) == -2);
}

TEST_CASE("fully_connected rescale factor is s_in * s_w / s_out in double precision") {
    quantization qi, qw, qo;
    qi.scale = {0.1f};
    qi.zero_point = {0};
    qw.scale = {0.3f};
    qw.zero_point = {0};
    qo.scale = {0.7f};
    qo.zero_point = {0};
    tensor in, w, out;
    in.type = w.type = out.type = dtype::int8;
    in.quant = &qi;
    w.quant = &qw;
    out.quant = &qo;
    reference::fully_connected_params p;
    ops::fully_connected_scales(in, w, out, 2, p);
    // numpy: np.float64(np.float32(0.1)) * np.float64(np.float32(0.3)) / np.float64(np.float32(0.7)) = 0x1.5f15f3053978ep-5;
    // the single-precision product would give 0x1.5f15f2ad73fc3p-5.
    REQUIRE(p.scale.size() == 2);
    CHECK(p.scale[0] == 0x1.5f15f3053978ep-5);
    CHECK(p.scale[1] == 0x1.5f15f3053978ep-5);
}
