// 16x8 element-wise unary ops and BATCH_MATMUL beyond the converter's fixtures (tests/data/ops/*_int16x8): the
// rules TFLite enforces (zero points 0, no int16 RELU_N1_TO_1, RSQRT undefined below 0) refused by name; the int16
// slope of TFLite's interpolated table lookup, and an int16 BATCH_MATMUL worked by hand.
#include <doctest/doctest.h>

#include <string>

#include "flatnn/reference/lut_int16.hpp"
#include "support/single_op.hpp"

using namespace flatnn;

namespace {

constexpr int32_t op_relu = 19, op_relu_n1_to_1 = 20, op_rsqrt = 76, op_abs = 101, op_batch_matmul = 126;
constexpr int8_t t_int16 = 7;
constexpr uint8_t tag_batch_mat_mul = 101;

test::tb_model unary(int32_t code, int32_t zero_point) {
    test::tb_model tm;
    tm.opcodes = {{code, ""}};
    test::tb_tensor x = test::tt({2}, t_int16, 0, "x"), y = test::tt({2}, t_int16, 0, "y");
    x.scale = {0.01f}, x.zero_point = {zero_point};
    y.scale = {0.02f}, y.zero_point = {0};
    tm.tensors = {x, y};
    tm.inputs = {0};
    tm.outputs = {1};
    test::tb_op op;
    op.inputs = {0};
    op.outputs = {1};
    tm.ops = {op};
    return tm;
}

// lhs [1, 2, 2] x rhs [1, 2, 1] -> [1, 2, 1]; scales 0.5 * 0.25 / 1 = 0.125.
test::tb_model batch_matmul(int32_t rhs_zero_point) {
    test::tb_model tm;
    tm.opcodes = {{op_batch_matmul, ""}};
    test::tb_tensor a = test::tt({1, 2, 2}, t_int16, 0, "a"), b = test::tt({1, 2, 1}, t_int16, 0, "b"),
                    y = test::tt({1, 2, 1}, t_int16, 0, "y");
    a.scale = {0.5f}, a.zero_point = {0};
    b.scale = {0.25f}, b.zero_point = {rhs_zero_point};
    y.scale = {1.0f}, y.zero_point = {0};
    tm.tensors = {a, b, y};
    tm.inputs = {0, 1};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    op.options_type = tag_batch_mat_mul;
    op.options = [](flatbuffers::FlatBufferBuilder& fb) { return fb.EndTable(fb.StartTable()); };
    tm.ops = {op};
    return tm;
}

}  // namespace

TEST_CASE("int16x8 RELU and ABS: non-zero zero points are refused by name") {
    const auto x = test::raw(std::vector<int16_t>{1, -2});
    for (int32_t code : {op_relu, op_abs}) {
        CAPTURE(code);
        test::single_op ok(unary(code, 0), {x});
        CHECK_MESSAGE(ok.s, ok.s.message());
        test::single_op r(unary(code, 3), {x});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("zero point 0") != std::string::npos);
    }
}

TEST_CASE("int16 RELU_N1_TO_1: TFLite has no int16 kernel, neither has flatnn") {
    test::single_op r(unary(op_relu_n1_to_1, 0), {test::raw(std::vector<int16_t>{1, 2})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("int16 has no kernel") != std::string::npos);
}

TEST_CASE("RSQRT int16x8: a negative input fails at invoke, naming the element") {
    test::single_op r(unary(op_rsqrt, 0), {test::raw(std::vector<int16_t>{400, -1})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("input element 1 is negative") != std::string::npos);
}

TEST_CASE("int16 table lookup: the slope between entries is an int16, as in TFLite") {
    int16_t lut[reference::lut_int16_size] = {};
    lut[256] = -32768, lut[257] = 32767;  // a step of 65535 wraps to -1
    // Entry 256 covers inputs 0 .. 127: base -32768, (-1 * 64 + 64) >> 7 = 0. An int slope would give 0.
    CHECK(reference::lut_int16_lookup(int16_t(64), lut) == -32768);
    lut[257] = -32000;  // no wrap: -32768 + (768 * 64 + 64) >> 7 = -32768 + 384
    CHECK(reference::lut_int16_lookup(int16_t(64), lut) == -32384);
}

TEST_CASE("BATCH_MATMUL int16x8: worked by hand; non-zero zero points refused") {
    const auto a = test::raw(std::vector<int16_t>{1000, -2000, 32767, 32767});
    const auto b = test::raw(std::vector<int16_t>{3, 4});
    // 0.125 * (3000 - 8000) = -625; 0.125 * 7 * 32767 = 28671.125 -> 28671.
    test::single_op r(batch_matmul(0), {a, b});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int16_t>(0) == std::vector<int16_t>{-625, 28671});
    test::single_op bad(batch_matmul(1), {a, b});
    REQUIRE_FALSE(bad.s);
    CHECK(bad.s.message().find("zero point 0") != std::string::npos);
}
