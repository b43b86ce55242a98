// MAX_POOL_2D kernel on hand-computed cases.
#include <doctest/doctest.h>

#include <limits>

#include "flatnn/reference/max_pool_2d.hpp"

using namespace flatnn;

TEST_CASE("max_pool_2d float: clipped windows and activation clamp") {
    const float in[9] = {1, -2, 3, -4, 5, -6, 7, -8, -9};
    float out[4] = {};
    reference::pool_2d_params p;
    p.stride_h = p.stride_w = 2;
    p.filter_h = p.filter_w = 2;
    p.act_min = -std::numeric_limits<float>::infinity();
    p.act_max = 4.0f;
    reference::max_pool_2d<float>(p, {in, shape{1, 3, 3, 1}}, {out, shape{1, 2, 2, 1}});
    CHECK(out[0] == 4.0f);   // max{1,-2,-4,5} = 5, clamped to 4
    CHECK(out[1] == 3.0f);   // max{3,-6}
    CHECK(out[2] == 4.0f);   // max{7,-8} = 7 -> 4
    CHECK(out[3] == -9.0f);  // {-9}
}

TEST_CASE("max_pool_2d int8 with a lower activation bound (RELU at zero point -5)") {
    reference::pool_2d_params p;
    p.filter_h = 1;
    p.filter_w = 3;
    p.pad_w = 1;  // SAME, 3-wide window over 3 columns
    p.q_act_min = -5;
    p.q_act_max = 127;
    const int8_t in[3] = {-100, -20, 7};
    int8_t out[3] = {};
    reference::max_pool_2d<int8_t>(p, {in, shape{1, 1, 3, 1}}, {out, shape{1, 1, 3, 1}});
    CHECK(out[0] == -5);  // max{-100,-20} = -20 -> -5
    CHECK(out[1] == 7);
    CHECK(out[2] == 7);
}

TEST_CASE("max_pool_2d uint8 keeps channels apart") {
    reference::pool_2d_params p;
    p.filter_h = p.filter_w = 2;
    p.q_act_min = 0;
    p.q_act_max = 255;
    const uint8_t in[8] = {0, 9, 255, 8, 3, 7, 4, 6};
    uint8_t out[2] = {};
    reference::max_pool_2d<uint8_t>(p, {in, shape{1, 2, 2, 2}}, {out, shape{1, 1, 1, 2}});
    CHECK(out[0] == 255);
    CHECK(out[1] == 9);
}
