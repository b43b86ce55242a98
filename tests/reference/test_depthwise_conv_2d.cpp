// DEPTHWISE_CONV_2D kernels on hand-computed cases.
#include <doctest/doctest.h>

#include <limits>

#include "flatnn/reference/depthwise_conv_2d.hpp"

using namespace flatnn;

TEST_CASE("depthwise_conv_2d float with depth multiplier 2") {
    // Input 1x1x2x2: pixel 0 = (1, 2), pixel 1 = (3, 4). Filter 1x1x2x4; oc = ic*2 + m.
    const float in[4] = {1, 2, 3, 4};
    const float w[8] = {1, 2, 3, 4, /* kx = 1 */ 5, 6, 7, 8};
    const float bias[4] = {1, 1, 1, 1};
    float out[4] = {};
    reference::depthwise_conv_2d_params p;
    p.depth_multiplier = 2;
    p.act_min = -std::numeric_limits<float>::infinity();
    p.act_max = std::numeric_limits<float>::infinity();
    reference::depthwise_conv_2d_float(p, {in, shape{1, 1, 2, 2}}, {w, shape{1, 1, 2, 4}}, bias, {out, shape{1, 1, 1, 4}});
    CHECK(out[0] == 17.0f);  // 1*1 + 3*5 + 1
    CHECK(out[1] == 21.0f);  // 1*2 + 3*6 + 1
    CHECK(out[2] == 35.0f);  // 2*3 + 4*7 + 1
    CHECK(out[3] == 41.0f);  // 2*4 + 4*8 + 1
}

TEST_CASE("depthwise_conv_2d float: dilation 2 and zero padding") {
    // 1x1x3x1 input, 1x1x2x1 filter, dilation 2, pad 1 (SAME): outputs read columns (-1,1), (0,2), (1,3).
    const float in[3] = {1, 10, 100};
    const float w[2] = {1, 2};
    float out[3] = {};
    reference::depthwise_conv_2d_params p;
    p.dilation_w = 2;
    p.pad_w = 1;
    p.act_min = -std::numeric_limits<float>::infinity();
    p.act_max = std::numeric_limits<float>::infinity();
    reference::depthwise_conv_2d_float(p, {in, shape{1, 1, 3, 1}}, {w, shape{1, 1, 2, 1}}, nullptr, {out, shape{1, 1, 3, 1}});
    CHECK(out[0] == 20.0f);   // 2*10
    CHECK(out[1] == 201.0f);  // 1 + 2*100
    CHECK(out[2] == 10.0f);   // 1*10
}

TEST_CASE("depthwise_conv_2d uint8 with input and filter offsets") {
    const uint8_t in[2] = {130, 126};  // zero point 128: +2, -2
    const uint8_t w[2] = {102, 98};    // zero point 100: +2, -2
    uint8_t out[1] = {};
    reference::depthwise_conv_2d_params p;
    p.q.input_offset = -128;
    p.q.filter_offset = -100;
    p.q.output_zero_point = 10;
    p.q.act_min = 0;
    p.q.act_max = 255;
    p.q.multiplier = {1 << 30};  // 0.5
    p.q.shift = {0};
    reference::depthwise_conv_2d_quantized<uint8_t, uint8_t>(p, {in, shape{1, 1, 2, 1}}, {w, shape{1, 1, 2, 1}}, nullptr,
                                                             {out, shape{1, 1, 1, 1}});
    CHECK(out[0] == 14);  // (2*2 + (-2)*(-2)) * 0.5 + 10
}

TEST_CASE("depthwise_conv_2d int8: leading channel blocks round negative ties up") {
    // acc = -6 on both channels, factor 0.25 = 0.5 * 2^-1: the final shift sees -3 / 2 = -1.5, which rounds
    // to -2 away from zero and to -1 half up.
    const int8_t in[2] = {-6, -6};
    const int8_t w[2] = {1, 1};
    int8_t out[2] = {};
    reference::depthwise_conv_2d_params p;
    p.q.act_min = -128;
    p.q.act_max = 127;
    p.q.multiplier = {1 << 30, 1 << 30};
    p.q.shift = {-1, -1};
    p.round_up_channels = 1;
    reference::depthwise_conv_2d_quantized<int8_t, int8_t>(p, {in, shape{1, 1, 1, 2}}, {w, shape{1, 1, 1, 2}}, nullptr,
                                                           {out, shape{1, 1, 1, 2}});
    CHECK(out[0] == -1);
    CHECK(out[1] == -2);
}
