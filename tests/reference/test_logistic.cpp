// LOGISTIC: float and the 256-entry int8/uint8 table on hand-computed entries.
#include <doctest/doctest.h>

#include "flatnn/reference/logistic.hpp"

using namespace flatnn;

TEST_CASE("float logistic") {
    const float in[3] = {0, 1, -1};
    float y[3];
    reference::logistic_float(3, in, y);
    CHECK(y[0] == 0.5f);
    CHECK(y[1] == doctest::Approx(0.7310586).epsilon(1e-6));
    CHECK(y[2] == doctest::Approx(0.26894142).epsilon(1e-6));
}

TEST_CASE("int8 logistic table, indexed by the raw byte") {
    // Input (0.5, 0), output (1/256, -128): v=0 -> 0.5*256 = 128 -> 0; v=2 -> sigmoid(1)*256 = 187.15 -> 59;
    // v=-2 -> 68.85 -> 69 -> -59; v=127 -> 256 -> clamps to 127; v=-128 -> ~0 -> -128.
    uint8_t table[256];
    reference::logistic_fill_table<int8_t>(0.5f, 0, 1.0f / 256, -128, table);
    const int8_t in[5] = {0, 2, -2, 127, -128};
    int8_t y[5];
    reference::lookup_table_u8(table, 5, reinterpret_cast<const uint8_t*>(in), reinterpret_cast<uint8_t*>(y));
    const int8_t want[5] = {0, 59, -59, 127, -128};
    for (int i = 0; i < 5; ++i) CHECK(int(y[i]) == int(want[i]));
}

TEST_CASE("uint8 logistic table with an input zero point") {
    // Input (0.5, 128), output (1/256, 0): v=130 -> x=1 -> 187; v=128 -> 128; v=126 -> 69; v=255 -> 255.
    uint8_t table[256];
    reference::logistic_fill_table<uint8_t>(0.5f, 128, 1.0f / 256, 0, table);
    CHECK(int(table[130]) == 187);
    CHECK(int(table[128]) == 128);
    CHECK(int(table[126]) == 69);
    CHECK(int(table[255]) == 255);
    CHECK(int(table[0]) == 0);
}
