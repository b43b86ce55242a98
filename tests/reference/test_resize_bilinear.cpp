// RESIZE_BILINEAR kernels on hand-computed cases.
#include <doctest/doctest.h>

#include "flatnn/reference/resize_bilinear.hpp"

using namespace flatnn;

TEST_CASE("resize_bilinear float 2x2 -> 4x4, default corners") {
    const float in[4] = {0, 1, 2, 3};
    float out[16];
    reference::resize_bilinear_params p;
    reference::resize_bilinear_float_weights<float>(p, {in, shape{1, 2, 2, 1}}, {out, shape{1, 4, 4, 1}});
    // Source rows/cols 0, 0.5, 1, 1.5 (the last clamps to 1).
    const float want[16] = {0, 0.5f, 1, 1, 1, 1.5f, 2, 2, 2, 2.5f, 3, 3, 2, 2.5f, 3, 3};
    for (int i = 0; i < 16; ++i) CHECK(out[i] == want[i]);
}

TEST_CASE("resize_bilinear float align_corners 2 -> 3") {
    const float in[2] = {0, 1};
    float out[3];
    reference::resize_bilinear_params p;
    p.align_corners = true;
    reference::resize_bilinear_float_weights<float>(p, {in, shape{1, 1, 2, 1}}, {out, shape{1, 1, 3, 1}});
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == 0.5f);
    CHECK(out[2] == 1.0f);
}

TEST_CASE("resize_bilinear float half_pixel_centers 2 -> 4") {
    const float in[2] = {0, 8};
    float out[4];
    reference::resize_bilinear_params p;
    p.half_pixel_centers = true;
    reference::resize_bilinear_float_weights<float>(p, {in, shape{1, 1, 2, 1}}, {out, shape{1, 1, 4, 1}});
    // Sources -0.25 (row 0 twice), 0.25, 0.75, 1.25 (clamped to 1).
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == 2.0f);
    CHECK(out[2] == 6.0f);
    CHECK(out[3] == 8.0f);
}

TEST_CASE("resize_bilinear uint8 general path adds 0.5 and truncates") {
    const uint8_t in[2] = {0, 255};
    uint8_t out[4];
    reference::resize_bilinear_params p;
    reference::resize_bilinear_float_weights<uint8_t>(p, {in, shape{1, 1, 2, 1}}, {out, shape{1, 1, 4, 1}});
    CHECK(out[0] == 0);
    CHECK(out[1] == 128);  // 127.5 + 0.5
    CHECK(out[2] == 255);
    CHECK(out[3] == 255);
}

TEST_CASE("resize_bilinear uint8 exact 8x path: weights in 16ths, rounded half up") {
    // 1x2x2x8 input; channel 0 = [[0, 16], [32, 48]], channel 1 = [[0, 8], [0, 0]], others 0.
    uint8_t in[32] = {};
    in[0] = 0, in[8] = 16, in[16] = 32, in[24] = 48;
    in[1] = 0, in[9] = 8;
    uint8_t out[16 * 16 * 8];
    reference::resize_bilinear_uint8_exact_8x({in, shape{1, 2, 2, 8}}, {out, shape{1, 16, 16, 8}});
    auto at = [&](int y, int x, int c) { return out[(y * 16 + x) * 8 + c]; };
    CHECK(at(0, 0, 0) == 0);
    CHECK(at(4, 4, 0) == 3);     // source (1/16, 1/16): (16*15 + 32*15 + 48) / 256 = 3
    CHECK(at(15, 15, 0) == 48);  // clamped corner
    CHECK(at(0, 4, 1) == 1);     // 8 * 1/16 = 0.5 -> 1
    CHECK(at(0, 11, 1) == 8);    // source column 15/16 -> 7.5, row 0: (8*15*16 + 128)/256 = 8
}

TEST_CASE("resize_bilinear int8 10-bit path rounds half away from zero") {
    const int8_t in[2] = {-1, 0};
    int8_t out[4];
    reference::resize_bilinear_params p;
    reference::resize_bilinear_integer<int8_t>(p, {in, shape{1, 1, 2, 1}}, {out, shape{1, 1, 4, 1}});
    // scale10 = (2048 + 2) / 4 = 512: sources 0, 0.5, 1, 1.5.
    CHECK(out[0] == -1);
    CHECK(out[1] == -1);  // -0.5 -> -1
    CHECK(out[2] == 0);
    CHECK(out[3] == 0);
}
