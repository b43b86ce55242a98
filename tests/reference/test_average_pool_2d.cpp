// AVERAGE_POOL_2D kernels on hand-computed cases.
#include <doctest/doctest.h>

#include <limits>

#include "flatnn/reference/average_pool_2d.hpp"

using namespace flatnn;

TEST_CASE("average_pool_2d float: SAME 2x2 stride 2 on 3x3 leaves padding out of the divisor") {
    const float in[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    float out[4] = {};
    reference::pool_2d_params p;
    p.stride_h = p.stride_w = 2;
    p.filter_h = p.filter_w = 2;
    p.act_min = -std::numeric_limits<float>::infinity();
    p.act_max = std::numeric_limits<float>::infinity();
    reference::average_pool_2d_float(p, {in, shape{1, 3, 3, 1}}, {out, shape{1, 2, 2, 1}});
    // windows {1,2,4,5}, {3,6}, {7,8}, {9}
    CHECK(out[0] == 3.0f);
    CHECK(out[1] == 4.5f);
    CHECK(out[2] == 7.5f);
    CHECK(out[3] == 9.0f);
}

TEST_CASE("average_pool_2d quantized rounds half away from zero and clamps") {
    reference::pool_2d_params p;
    p.filter_h = 1;
    p.filter_w = 2;
    p.stride_h = 1;
    p.stride_w = 2;
    p.q_act_min = -128;
    p.q_act_max = 127;
    const int8_t in[6] = {-1, -2, 1, 2, 100, 101};
    int8_t out[3] = {};
    reference::average_pool_2d_quantized<int8_t>(p, {in, shape{1, 1, 6, 1}}, {out, shape{1, 1, 3, 1}});
    CHECK(out[0] == -2);   // -3/2 = -1.5 -> -2
    CHECK(out[1] == 2);    // 3/2 = 1.5 -> 2
    CHECK(out[2] == 101);  // 201/2 = 100.5 -> 101
    p.q_act_max = 50;      // e.g. RELU6 in output units
    reference::average_pool_2d_quantized<int8_t>(p, {in, shape{1, 1, 6, 1}}, {out, shape{1, 1, 3, 1}});
    CHECK(out[2] == 50);
}

TEST_CASE("average_pool_2d uint8 over two channels") {
    reference::pool_2d_params p;
    p.filter_h = p.filter_w = 2;
    p.q_act_min = 0;
    p.q_act_max = 255;
    const uint8_t in[8] = {10, 200, 11, 201, 12, 202, 14, 203};  // 2x2 pixels, channels interleaved
    uint8_t out[2] = {};
    reference::average_pool_2d_quantized<uint8_t>(p, {in, shape{1, 2, 2, 2}}, {out, shape{1, 1, 1, 2}});
    CHECK(out[0] == 12);   // 47/4 = 11.75 -> 12
    CHECK(out[1] == 202);  // 806/4 = 201.5 -> 202
}
