// QUANTIZE: float to int8/uint8/int16 (per tensor and per axis) and integer requantization.
#include <doctest/doctest.h>

#include <cstring>
#include <memory>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"
#include "support/single_op.hpp"

using namespace flatnn;

using test::single_op;
using test::raw;

namespace {
test::tb_model convert_model(int32_t code, int8_t in_type, std::vector<float> in_s, std::vector<int64_t> in_z, int8_t out_type,
                             std::vector<float> out_s, std::vector<int64_t> out_z, std::vector<int32_t> dims, int32_t axis = 0) {
    test::tb_model m;
    m.opcodes = {{code, ""}};
    auto x = test::tt(dims, in_type, 0, "x"), y = test::tt(dims, out_type, 0, "y");
    x.scale = std::move(in_s), x.zero_point = std::move(in_z), x.quantized_dimension = axis;
    y.scale = std::move(out_s), y.zero_point = std::move(out_z), y.quantized_dimension = axis;
    m.tensors = {x, y};
    m.inputs = {0};
    m.outputs = {1};
    test::tb_op op;
    op.inputs = {0};
    op.outputs = {1};
    m.ops = {op};
    return m;
}
}  // namespace

TEST_CASE("float to int8 rounds half away from zero and clamps") {
    // scale 0.5, zp -3: x/0.5 = 2.5 -> 3 -> 0; -2.5 -> -3 -> -6; 0.25 -> 0.5 -> 1 -> -2; 1000 -> clamp 127;
    // -1000 -> clamp -128.
    single_op r(convert_model(114, 0, {}, {}, 9, {0.5f}, {-3}, {5}), {raw<float>({1.25f, -1.25f, 0.25f, 1000, -1000})});
    REQUIRE(r.s);
    CHECK(r.out<int8_t>(0) == std::vector<int8_t>{0, -6, -2, 127, -128});
}

TEST_CASE("float to uint8 per axis uses each channel's parameters") {
    // [2,2] with axis 1: channel 0 (0.5, 10), channel 1 (0.25, 0).
    single_op r(convert_model(114, 0, {}, {}, 3, {0.5f, 0.25f}, {10, 0}, {2, 2}, 1), {raw<float>({1, 1, -1, 0.5f})});
    REQUIRE(r.s);
    CHECK(r.out<uint8_t>(0) == std::vector<uint8_t>{12, 4, 8, 2});
}

TEST_CASE("uint8 to int8 with equal scales flips the top bit") {
    single_op r(convert_model(114, 3, {0.02f}, {128}, 9, {0.02f}, {0}, {4}), {raw<uint8_t>({0, 127, 128, 255})});
    REQUIRE(r.s);
    CHECK(r.out<int8_t>(0) == std::vector<int8_t>{-128, -1, 0, 127});
}

TEST_CASE("int8 to uint8 requantization rescales through MBQM") {
    // Factor 0.5/0.25 = 2 (M = 2^30, shift 2): (q - 1)·2 + 100, clamped: 1 -> 100, 11 -> 120, -128 -> 0, 127 -> 255.
    single_op r(convert_model(114, 9, {0.5f}, {1}, 3, {0.25f}, {100}, {4}), {raw<int8_t>({1, 11, -128, 127})});
    REQUIRE(r.s);
    CHECK(r.out<uint8_t>(0) == std::vector<uint8_t>{100, 120, 0, 255});
    // Factor 0.1f/0.3f: M = 1431655730, shift -1 (§7.3). The two roundings (SRDHM, then RDBPOT by 1) give
    // 3 -> srdhm 2 -> 1; 4 -> srdhm 3 (3.17) -> 2, not the single-rounded 1; 5 -> 3 (3.83) -> 2;
    // -5 -> trunc(-3.83) = -3 -> -2.
    single_op s(convert_model(114, 9, {0.1f}, {0}, 9, {0.3f}, {0}, {4}), {raw<int8_t>({3, 4, 5, -5})});
    REQUIRE(s.s);
    CHECK(s.out<int8_t>(0) == std::vector<int8_t>{1, 2, 2, -2});
}

TEST_CASE("quantize rejects an unsupported conversion") {
    single_op r(convert_model(114, 0, {}, {}, 0, {}, {}, {2}), {raw<float>({1, 2})});
    REQUIRE_FALSE(r.s);
}
