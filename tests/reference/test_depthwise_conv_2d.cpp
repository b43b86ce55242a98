// DEPTHWISE_CONV_2D kernels on hand-computed cases.
#include <doctest/doctest.h>

#include <limits>

#include "flatnn/ops/depthwise_conv_2d.hpp"

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
    reference::depthwise_conv_2d_quantized<uint8_t, uint8_t, int32_t>(p, {in, shape{1, 1, 2, 1}}, {w, shape{1, 1, 2, 1}}, nullptr,
                                                             {out, shape{1, 1, 1, 1}});
    CHECK(out[0] == 14);  // (2*2 + (-2)*(-2)) * 0.5 + 10
}

TEST_CASE("depthwise_conv_2d int8: every channel rounds negative ties away from zero") {
    // acc = -6 on both channels, factor 0.25 = 0.5 * 2^-1: SRDHM gives -3 exactly, the final shift sees -1.5.
    const int8_t in[2] = {-6, -6};
    const int8_t w[2] = {1, 1};
    int8_t out[2] = {};
    reference::depthwise_conv_2d_params p;
    p.q.act_min = -128;
    p.q.act_max = 127;
    p.q.multiplier = {1 << 30, 1 << 30};
    p.q.shift = {-1, -1};
    reference::depthwise_conv_2d_quantized<int8_t, int8_t, int32_t>(p, {in, shape{1, 1, 1, 2}}, {w, shape{1, 1, 1, 2}}, nullptr,
                                                           {out, shape{1, 1, 1, 2}});
    CHECK(out[0] == -2);
    CHECK(out[1] == -2);
}

TEST_CASE("conv multipliers: int8 per-tensor from a double product, uint8 from a single-precision product") {
    // s_in 0.1, s_filter 0.3, s_out 0.7 (all float). numpy + math.frexp:
    //   double product: 0.1f * 0.3f / 0.7f = 0x1.5f15f3053978ep-5 -> (1472560321, -4)
    //   float product:  float(0.1f * 0.3f) / 0.7f = 0x1.5f15f2ad73fc3p-5 -> (1472560299, -4)
    quantization qi, qw, qo;
    qi.scale = {0.1f};
    qi.zero_point = {0};
    qw.scale = {0.3f};
    qw.zero_point = {0};
    qo.scale = {0.7f};
    qo.zero_point = {0};
    tensor in, w, out;
    in.quant = &qi;
    w.quant = &qw;
    out.quant = &qo;
    node n;
    ops::conv_quant_params q;
    in.type = w.type = out.type = dtype::int8;
    REQUIRE(ops::setup_conv_quant<int8_t>(n, in, w, nullptr, out, 2, 0, q).is_ok());
    CHECK(q.multiplier == std::vector<int32_t>{1472560321, 1472560321});
    CHECK(q.shift == std::vector<int>{-4, -4});
    qi.zero_point = {128};
    qw.zero_point = {128};
    qo.zero_point = {128};
    in.type = w.type = out.type = dtype::uint8;
    REQUIRE(ops::setup_conv_quant<uint8_t>(n, in, w, nullptr, out, 2, 0, q).is_ok());
    CHECK(q.multiplier == std::vector<int32_t>{1472560299, 1472560299});
    CHECK(q.shift == std::vector<int>{-4, -4});
}

TEST_CASE("conv quantization rejects per-channel uint8 filters") {
    quantization qi, qw, qo;
    qi.scale = qo.scale = {0.5f};
    qi.zero_point = qo.zero_point = {128};
    qw.scale = {0.1f, 0.2f};
    qw.zero_point = {128, 128};
    tensor in, w, out;
    in.type = w.type = out.type = dtype::uint8;
    in.quant = &qi;
    w.quant = &qw;
    out.quant = &qo;
    node n;
    ops::conv_quant_params q;
    const status s = ops::setup_conv_quant<uint8_t>(n, in, w, nullptr, out, 2, 0, q);
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.message().find("per tensor") != std::string::npos);
}
