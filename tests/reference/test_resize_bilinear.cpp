// RESIZE_BILINEAR kernels on hand-computed cases.
#include <doctest/doctest.h>

#include "flatnn/reference/resize_bilinear.hpp"

using namespace flatnn;

TEST_CASE("resize_bilinear float 2x2 -> 4x4, default corners") {
    const float in[4] = {0, 1, 2, 3};
    float out[16];
    reference::resize_bilinear_params p;
    reference::resize_bilinear_float<float>(p, {in, shape{1, 2, 2, 1}}, {out, shape{1, 4, 4, 1}});
    // Source rows/cols 0, 0.5, 1, 1.5 (the last clamps to 1).
    const float want[16] = {0, 0.5f, 1, 1, 1, 1.5f, 2, 2, 2, 2.5f, 3, 3, 2, 2.5f, 3, 3};
    for (int i = 0; i < 16; ++i) CHECK(out[i] == want[i]);
}

TEST_CASE("resize_bilinear float align_corners 2 -> 3") {
    const float in[2] = {0, 1};
    float out[3];
    reference::resize_bilinear_params p;
    p.align_corners = true;
    reference::resize_bilinear_float<float>(p, {in, shape{1, 1, 2, 1}}, {out, shape{1, 1, 3, 1}});
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == 0.5f);
    CHECK(out[2] == 1.0f);
}

TEST_CASE("resize_bilinear float half_pixel_centers 2 -> 4") {
    const float in[2] = {0, 8};
    float out[4];
    reference::resize_bilinear_params p;
    p.half_pixel_centers = true;
    reference::resize_bilinear_float<float>(p, {in, shape{1, 1, 2, 1}}, {out, shape{1, 1, 4, 1}});
    // Sources -0.25 (row 0 twice), 0.25, 0.75, 1.25 (clamped to 1).
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == 2.0f);
    CHECK(out[2] == 6.0f);
    CHECK(out[3] == 8.0f);
}

TEST_CASE("resize_bilinear uint8 adds 0.5 and truncates") {
    const uint8_t in[2] = {0, 255};
    uint8_t out[4];
    reference::resize_bilinear_params p;
    reference::resize_bilinear_float<uint8_t>(p, {in, shape{1, 1, 2, 1}}, {out, shape{1, 1, 4, 1}});
    CHECK(out[0] == 0);
    CHECK(out[1] == 128);  // 127.5 + 0.5
    CHECK(out[2] == 255);
    CHECK(out[3] == 255);
}

// Expected values: ai-edge-litert 2.3.0 with OpResolverType.BUILTIN_REF on this 1x2x2x1 input resized to 3x3 with
// half_pixel_centers (the optimized kernels give 179 for the uint8 output (2, 1)).
TEST_CASE("resize_bilinear uint8 half-pixel: value * wy * wx left to right, as TFLite's reference kernel") {
    const uint8_t in[4] = {115, 100, 227, 132};
    uint8_t out[9];
    reference::resize_bilinear_params p;
    p.half_pixel_centers = true;
    reference::resize_bilinear_float<uint8_t>(p, {in, shape{1, 2, 2, 1}}, {out, shape{1, 3, 3, 1}});
    const uint8_t want[9] = {115, 107, 100, 171, 144, 116, 227, 180, 132};
    for (int i = 0; i < 9; ++i) CHECK(out[i] == want[i]);
    // Output (2, 1): rows clamp to 1 with dy = 1/6 (not reset), dx = 0.5, corners 227, 227, 132, 132. The terms
    // 227*(5/6)*0.5 + 227*(1/6)*0.5 + 132*(5/6)*0.5 + 132*(1/6)*0.5 sum to 179.5 in single precision (numpy
    // float32), + 0.5 = 180; forming the weights first (wy * wx) gives 179.49998 and truncates to 179.
}

TEST_CASE("resize_bilinear float half-pixel: bit-exact with TFLite's reference kernel") {
    const float in[4] = {115, 100, 227, 132};
    float out[9];
    reference::resize_bilinear_params p;
    p.half_pixel_centers = true;
    reference::resize_bilinear_float<float>(p, {in, shape{1, 2, 2, 1}}, {out, shape{1, 3, 3, 1}});
    const float want[9] = {0x1.cbfffap+6f, 0x1.adfffep+6f, 0x1.900002p+6f, 0x1.55fffep+7f, 0x1.1fp+7f,
                           0x1.dp+6f,      0x1.c5fffep+7f, 0x1.67p+7f,     0x1.08p+7f};
    for (int i = 0; i < 9; ++i) CHECK(out[i] == want[i]);
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
