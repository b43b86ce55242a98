// Host duties as pure functions: sign flip into a copy, zero padding, output re-layout from hand-made tiles, and
// the linking of 32-bit address fields at arbitrary bit offsets.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "flatnn/edgetpu/host.hpp"

namespace et = flatnn::edgetpu;

namespace {
uint8_t value(int y, int x, int z) { return uint8_t((y * 5 + x) * 37 + z * 3 + 1); }

// 4x5x32 output over 2x2 tiles: tiles 0 and 2 hold 2 rows x 3 columns, tiles 1 and 3 hold 2 rows x 2 columns.
et::layer tiled_layer(et::data_type type) {
    et::layer l;
    l.name = "tiled";
    l.y = 4, l.x = 5, l.z = 32;
    l.type = type;
    l.size_bytes = 640;
    l.layout.y_tile = {0, 0, 2, 2};
    l.layout.x_tile = {0, 0, 0, 1, 1};
    l.layout.tile_byte_offset = {0, 192, 320, 512};
    l.layout.x_local_byte_offset = {0, 32, 64, 0, 32};
    l.layout.y_local_offset = {0, 1, 0, 1};
    l.layout.x_row_size = {96, 96, 96, 64, 64};
    return l;
}

// The device's bytes, written tile by tile (each tile row-major over its local y, local x, z).
std::vector<uint8_t> tiles() {
    std::vector<uint8_t> raw(640, 0xEE);
    struct tile { int y0, x0, width; size_t base; };
    const tile t[] = {{0, 0, 3, 0}, {0, 3, 2, 192}, {2, 0, 3, 320}, {2, 3, 2, 512}};
    for (const tile& k : t)
        for (int ly = 0; ly < 2; ++ly)
            for (int lx = 0; lx < k.width; ++lx)
                for (int z = 0; z < 32; ++z) raw[k.base + size_t((ly * k.width + lx) * 32 + z)] = value(k.y0 + ly, k.x0 + lx, z);
    return raw;
}
}  // namespace

TEST_CASE("edgetpu host: re-layout of hand-made 2x2 tiles") {
    const et::layer l = tiled_layer(et::data_type::fixed_point8);
    const std::vector<uint8_t> raw = tiles();
    std::vector<uint8_t> out(640, 0);
    REQUIRE(et::relayout_output(l, raw.data(), raw.size(), out.data(), out.size()));
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 5; ++x)
            for (int z = 0; z < 32; ++z) {
                CAPTURE(y);
                CAPTURE(x);
                CAPTURE(z);
                REQUIRE(out[size_t((y * 5 + x) * 32 + z)] == value(y, x, z));
            }
}

TEST_CASE("edgetpu host: signed outputs get their sign bit back after re-layout") {
    const et::layer l = tiled_layer(et::data_type::signed_fixed_point8);
    const std::vector<uint8_t> raw = tiles();
    std::vector<uint8_t> out(640, 0);
    REQUIRE(et::relayout_output(l, raw.data(), raw.size(), out.data(), out.size()));
    CHECK(out[0] == uint8_t(value(0, 0, 0) ^ 0x80));
    CHECK(out[(3 * 5 + 4) * 32 + 31] == uint8_t(value(3, 4, 31) ^ 0x80));
    CHECK(raw[0] == value(0, 0, 0));  // the raw buffer is left alone
}

TEST_CASE("edgetpu host: a single tile is the first y*x*z bytes") {
    et::layer l;
    l.name = "logits";
    l.z = 1001;
    l.size_bytes = 1008;
    std::vector<uint8_t> raw(1008);
    for (size_t i = 0; i < raw.size(); ++i) raw[i] = uint8_t(i * 7);
    std::vector<uint8_t> out(1001);
    REQUIRE(et::relayout_output(l, raw.data(), raw.size(), out.data(), out.size()));
    CHECK(std::memcmp(out.data(), raw.data(), 1001) == 0);
    std::vector<uint8_t> wrong(1000);
    CHECK_FALSE(et::relayout_output(l, raw.data(), raw.size(), wrong.data(), wrong.size()));
}

TEST_CASE("edgetpu host: inputs are copied, sign-flipped for signed types and zero-padded") {
    et::layer l;
    l.name = "in";
    l.y = 1, l.x = 1, l.z = 5;
    l.size_bytes = 8;
    l.type = et::data_type::signed_fixed_point8;
    const uint8_t src[5] = {0x00, 0x7f, 0x80, 0xff, 0x12};
    uint8_t dst[8];
    std::memset(dst, 0xAA, sizeof dst);
    REQUIRE(et::prepare_input(l, src, 5, dst, 8));
    const uint8_t want[8] = {0x80, 0xff, 0x00, 0x7f, 0x92, 0, 0, 0};
    CHECK(std::memcmp(dst, want, 8) == 0);
    const uint8_t original[5] = {0x00, 0x7f, 0x80, 0xff, 0x12};
    CHECK(std::memcmp(src, original, 5) == 0);

    l.type = et::data_type::fixed_point8;  // unsigned: verbatim
    REQUIRE(et::prepare_input(l, src, 5, dst, 8));
    CHECK(std::memcmp(dst, src, 5) == 0);
    CHECK(dst[5] == 0);

    l.type = et::data_type::signed_fixed_point16;  // int16: the high byte (second, little-endian) flips
    l.z = 2;
    const uint8_t s16[4] = {0x34, 0x12, 0xff, 0xff};
    REQUIRE(et::prepare_input(l, s16, 4, dst, 8));
    const uint8_t want16[8] = {0x34, 0x92, 0xff, 0x7f, 0, 0, 0, 0};
    CHECK(std::memcmp(dst, want16, 8) == 0);

    CHECK_FALSE(et::prepare_input(l, s16, 3, dst, 8));  // the tensor must fill the layer
}

TEST_CASE("edgetpu host: address fields patch 32 bits at any bit offset and nothing else") {
    std::vector<uint8_t> bits(8, 0);
    et::patch_field(bits.data(), 5, 0xA5C3F00Fu);
    const uint64_t want = uint64_t(0xA5C3F00Fu) << 5;
    for (size_t i = 0; i < 8; ++i) CHECK(bits[i] == uint8_t(want >> (8 * i)));
    std::vector<uint8_t> ones(8, 0xff);
    et::patch_field(ones.data(), 5, 0);
    const uint64_t cleared = ~(uint64_t(0xffffffffu) << 5);
    for (size_t i = 0; i < 8; ++i) CHECK(ones[i] == uint8_t(cleared >> (8 * i)));
}
