// MEAN kernels and TFLite's reference quantized parameter recipe, on hand-computed cases.
#include <doctest/doctest.h>

#include "flatnn/ops/mean.hpp"

using namespace flatnn;

namespace {
// [2, 3] reduced over axis 1.
reference::mean_params rows_of_three() {
    reference::mean_params p;
    p.rank = 2;
    p.in_dims[0] = 2;
    p.in_dims[1] = 3;
    p.out_stride[0] = 1;
    p.out_stride[1] = 0;
    p.in_size = 6;
    p.out_size = 2;
    p.count = 3;
    return p;
}
tensor quantized_tensor(dtype t, quantization& q, float scale, int64_t zp) {
    q.scale = {scale};
    q.zero_point = {zp};
    tensor x;
    x.type = t;
    x.quant = &q;
    return x;
}
}  // namespace

TEST_CASE("mean float over the last axis") {
    const auto p = rows_of_three();
    const float in[6] = {1, 2, 3, 4, 5, 6};
    float out[2], scratch[2];
    reference::mean_float(p, in, out, scratch);
    CHECK(out[0] == 2.0f);
    CHECK(out[1] == 5.0f);
}

TEST_CASE("mean over a middle axis walks the output offsets") {
    // [2, 2, 2] over axis 1: out[a][c] = mean(in[a][0][c], in[a][1][c]).
    reference::mean_params p;
    p.rank = 3;
    p.in_dims[0] = p.in_dims[1] = p.in_dims[2] = 2;
    p.out_stride[0] = 2;
    p.out_stride[1] = 0;
    p.out_stride[2] = 1;
    p.in_size = 8;
    p.out_size = 4;
    p.count = 2;
    const float in[8] = {1, 2, 3, 4, 10, 20, 30, 40};
    float out[4], scratch[4];
    reference::mean_float(p, in, out, scratch);
    CHECK(out[0] == 2.0f);
    CHECK(out[1] == 3.0f);
    CHECK(out[2] == 20.0f);
    CHECK(out[3] == 30.0f);
}

TEST_CASE("mean quantized: 1/count folded into the multiplier") {
    auto p = rows_of_three();
    quantization qi, qo;
    const tensor in = quantized_tensor(dtype::int8, qi, 0.5f, 1), out = quantized_tensor(dtype::int8, qo, 0.5f, -2);
    ops::mean_quant_params(in, out, p);
    // s_in/s_out = 1 -> (2^30, 1); sh = min(floor(log2 3), 32, 32) = 1; M' = 2^31 / 3 = 715827882, e' = 0.
    CHECK(p.multiplier == 715827882);
    CHECK(p.shift == 0);
    CHECK(p.sum_offset == -3);
    const int8_t x[6] = {2, 3, 5, -4, -4, -5};  // minus zp: {1,2,4} -> 7/3 = 2.33; {-5,-5,-6} -> -16/3 = -5.33
    int8_t y[2];
    int32_t scratch[2];
    reference::mean_quantized<int8_t>(p, x, y, scratch);
    CHECK(y[0] == 2 - 2);
    CHECK(y[1] == -5 - 2);
}

namespace {
// [1, 2, 2, C] reduced over H and W with keep_dims.
reference::mean_params hw_of_2x2(int32_t channels) {
    reference::mean_params p;
    p.rank = 4;
    const int32_t dims[4] = {1, 2, 2, channels};
    for (int i = 0; i < 4; ++i) p.in_dims[i] = dims[i];
    p.out_stride[0] = channels;
    p.out_stride[1] = p.out_stride[2] = 0;
    p.out_stride[3] = 1;
    p.in_size = 4 * channels;
    p.out_size = channels;
    p.count = 4;
    return p;
}
}  // namespace

TEST_CASE("mean quantized over H and W: same recipe, ties away from zero on every channel") {
    // TFLite's reference kernel has no separate 4-D path: 17 channels all holding {-1, -2, -1, -2} (sum -6).
    auto p = hw_of_2x2(17);
    quantization qi, qo;
    const tensor in = quantized_tensor(dtype::int8, qi, 1.0f, 0), out = quantized_tensor(dtype::int8, qo, 1.0f, 0);
    ops::mean_quant_params(in, out, p);
    // s_in/s_out = 1 -> (2^30, 1); sh = min(floor(log2 4), 32, 32) = 2; M' = 2^32 / 4 = 2^30, e' = 1 - 2 = -1.
    CHECK(p.multiplier == (1 << 30));
    CHECK(p.shift == -1);
    CHECK(p.sum_offset == 0);
    int8_t x[68];
    for (int i = 0; i < 68; ++i) x[i] = int8_t((i / 17) % 2 == 0 ? -1 : -2);
    int8_t y[17];
    int32_t scratch[17];
    reference::mean_quantized<int8_t>(p, x, y, scratch);
    // SRDHM(-6, 2^30) = -3 exactly, then -3 / 2 = -1.5 rounds away from zero.
    for (int c = 0; c < 17; ++c) CHECK(y[c] == -2);
}

TEST_CASE("mean quantized over H and W with different input and output quantization") {
    // uint8 in (0.5, zp 5), out (1.0, zp 100); one channel holding {6, 7, 6, 7}.
    auto p = hw_of_2x2(1);
    quantization qi, qo;
    const tensor in = quantized_tensor(dtype::uint8, qi, 0.5f, 5), out = quantized_tensor(dtype::uint8, qo, 1.0f, 100);
    ops::mean_quant_params(in, out, p);
    // 0.5 -> (2^30, 0); sh = min(2, 32, 31) = 2; M' = 2^32 / 4 = 2^30, e' = -2: factor 0.125 on sum - 4 * 5.
    CHECK(p.multiplier == (1 << 30));
    CHECK(p.shift == -2);
    CHECK(p.sum_offset == -20);
    CHECK(p.out_offset == 100);
    const uint8_t x[4] = {6, 7, 6, 7};
    uint8_t y[1];
    int32_t scratch[1];
    reference::mean_quantized<uint8_t>(p, x, y, scratch);
    // Real mean (6.5 - 5) * 0.5 = 0.75 -> 1 step of the output scale; (26 - 20) * 0.125 = 0.75 -> 1; 1 + 100.
    CHECK(y[0] == 101);
}
