// DEQUANTIZE: int8/uint8/int16 per tensor and per axis, and float16, through one-op models.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <memory>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"
#include "support/single_op.hpp"

using namespace flatnn;

using test::single_op;
using test::raw;

namespace {
test::tb_model dequant_model(int8_t in_type, std::vector<float> s, std::vector<int64_t> z, std::vector<int32_t> dims, int32_t axis = 0) {
    test::tb_model m;
    m.opcodes = {{6, ""}};
    auto x = test::tt(dims, in_type, 0, "x");
    x.scale = std::move(s), x.zero_point = std::move(z), x.quantized_dimension = axis;
    m.tensors = {x, test::tt(dims, 0, 0, "y")};
    m.inputs = {0};
    m.outputs = {1};
    test::tb_op op;
    op.inputs = {0};
    op.outputs = {1};
    m.ops = {op};
    return m;
}
}  // namespace

TEST_CASE("uint8 and int8 dequantize per tensor") {
    single_op r(dequant_model(3, {0.5f}, {128}, {3}), {raw<uint8_t>({128, 255, 0})});
    REQUIRE(r.s);
    CHECK(r.out<float>(0) == std::vector<float>{0, 63.5f, -64});
    single_op s(dequant_model(9, {0.25f}, {-1}, {2}), {raw<int8_t>({-128, 127})});
    REQUIRE(s.s);
    CHECK(s.out<float>(0) == std::vector<float>{-31.75f, 32});
}

TEST_CASE("int8 dequantize per axis") {
    // [2,2], axis 0: row 0 (1, 0), row 1 (0.5, 2).
    single_op r(dequant_model(9, {1.0f, 0.5f}, {0, 2}, {2, 2}, 0), {raw<int8_t>({3, -4, 2, 6})});
    REQUIRE(r.s);
    CHECK(r.out<float>(0) == std::vector<float>{3, -4, 0, 2});
}

TEST_CASE("float16 to float32, including subnormal, infinity and signed zero") {
    // 0x3C00 = 1, 0xC000 = -2, 0x0001 = 2^-24, 0x7C00 = inf, 0x8000 = -0, 0x7BFF = 65504, 0x3555 = 0.333251953125.
    single_op r(dequant_model(1, {}, {}, {7}), {raw<uint16_t>({0x3C00, 0xC000, 0x0001, 0x7C00, 0x8000, 0x7BFF, 0x3555})});
    REQUIRE(r.s);
    const auto y = r.out<float>(0);
    CHECK(y[0] == 1.0f);
    CHECK(y[1] == -2.0f);
    CHECK(y[2] == std::ldexp(1.0f, -24));
    CHECK(std::isinf(y[3]));
    CHECK((y[4] == 0.0f && std::signbit(y[4])));
    CHECK(y[5] == 65504.0f);
    CHECK(y[6] == 0.333251953125f);
}

TEST_CASE("int16 dequantize needs a zero point of 0") {
    single_op r(dequant_model(7, {0.5f}, {3}, {1}), {raw<int16_t>({1})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("zero point 0") != std::string::npos);
}
