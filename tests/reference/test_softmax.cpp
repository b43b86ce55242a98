// SOFTMAX: float rows and the int8/uint8 float-table method on hand-computed cases.
#include <doctest/doctest.h>

#include <cmath>

#include "flatnn/reference/softmax.hpp"

using namespace flatnn;

TEST_CASE("float softmax over rows") {
    // numpy: exp([-2,-1,0]) / sum = [0.09003057, 0.24472847, 0.66524096]; second row all equal.
    const float in[6] = {1, 2, 3, 5, 5, 5};
    float y[6];
    reference::softmax_float(1.0f, 2, 3, in, y);
    CHECK(y[0] == doctest::Approx(0.09003057).epsilon(1e-6));
    CHECK(y[1] == doctest::Approx(0.24472847).epsilon(1e-6));
    CHECK(y[2] == doctest::Approx(0.66524096).epsilon(1e-6));
    for (int i = 3; i < 6; ++i) CHECK(y[i] == doctest::Approx(1.0 / 3).epsilon(1e-6));
}

namespace {
// Input scale ln 2 with beta 1 makes the table powers of two: table[255 - v] ≈ 2^-v.
reference::softmax_quant_params pow2_params(int32_t zero_point) {
    reference::softmax_quant_params p;
    reference::softmax_fill_table(0.69314718f, 1.0f, p.table);
    p.output_scale = 1.0f / 256;
    p.output_zero_point = zero_point;
    return p;
}
}  // namespace

TEST_CASE("softmax table holds exp(-scale*beta*v) from the top") {
    const auto p = pow2_params(0);
    CHECK(p.table[255] == 1.0f);
    CHECK(p.table[254] == doctest::Approx(0.5).epsilon(1e-6));
    CHECK(p.table[245] == doctest::Approx(1.0 / 1024).epsilon(1e-5));
}

TEST_CASE("uint8 softmax adds 0.5 and truncates") {
    // Row [5,4,3]: 1, 1/2, 1/4 over 1.75 -> 4/7, 2/7, 1/7 of 256 = 146.29, 73.14, 36.57 -> 146, 73, 37.
    // Row [2,2]: exactly 128. Row [10,0]: 255.75 -> 256 clamps to 255; 0.2498 -> 0.
    const auto p = pow2_params(0);
    const uint8_t in[7] = {5, 4, 3, 2, 2, 10, 0};
    uint8_t y[7];
    reference::softmax_quantized<uint8_t>(p, 1, 3, in, y);
    reference::softmax_quantized<uint8_t>(p, 1, 2, in + 3, y + 3);
    reference::softmax_quantized<uint8_t>(p, 1, 2, in + 5, y + 5);
    const uint8_t want[7] = {146, 73, 37, 128, 128, 255, 0};
    for (int i = 0; i < 7; ++i) CHECK(int(y[i]) == int(want[i]));
}

TEST_CASE("int8 softmax rounds half away and adds the zero point") {
    // Same rows, values shifted by -128 (raw differences are unchanged); outputs round(x) - 128.
    const auto p = pow2_params(-128);
    const int8_t in[7] = {-123, -124, -125, 0, 0, 127, 117};
    int8_t y[7];
    reference::softmax_quantized<int8_t>(p, 1, 3, in, y);
    reference::softmax_quantized<int8_t>(p, 1, 2, in + 3, y + 3);
    reference::softmax_quantized<int8_t>(p, 1, 2, in + 5, y + 5);
    const int8_t want[7] = {18, -55, -91, 0, 0, 127, -128};
    for (int i = 0; i < 7; ++i) CHECK(int(y[i]) == int(want[i]));
}
