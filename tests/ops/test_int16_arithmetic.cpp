// 16x8 ADD, SUB, MUL and FULLY_CONNECTED beyond the converter's fixtures (tests/data/ops/*_int16x8): ADD's
// general-scale form worked by hand, the power-of-two-scale form and non-zero zero points refused by name, and
// FULLY_CONNECTED with an int32 bias (the converter writes int64).
#include <doctest/doctest.h>

#include <string>

#include "support/single_op.hpp"

using namespace flatnn;

namespace {

constexpr int32_t op_add = 0, op_fully_connected = 9, op_mul = 18;
constexpr int8_t t_int32 = 2, t_int16 = 7, t_int8 = 9;
constexpr uint8_t tag_fully_connected = 8, tag_add = 11, tag_mul = 21;

test::tb_model binary(int32_t code, uint8_t tag, bool pot_scale_int16, int32_t zero_point) {
    test::tb_model tm;
    tm.opcodes = {{code, ""}};
    test::tb_tensor a = test::tt({2}, t_int16, 0, "a"), b = test::tt({2}, t_int16, 0, "b"),
                    y = test::tt({2}, t_int16, 0, "y");
    a.scale = {0.5f}, a.zero_point = {zero_point};
    b.scale = {0.5f}, b.zero_point = {0};
    y.scale = {1.0f}, y.zero_point = {0};
    tm.tensors = {a, b, y};
    tm.inputs = {0, 1};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    op.options_type = tag;
    op.options = [tag, pot_scale_int16](flatbuffers::FlatBufferBuilder& fb) {
        const auto start = fb.StartTable();
        if (tag == tag_add) fb.AddElement<uint8_t>(test::vt(1), pot_scale_int16 ? 1 : 0, 1);
        return fb.EndTable(start);
    };
    tm.ops = {op};
    return tm;
}

}  // namespace

TEST_CASE("ADD int16x8: the general-scale form, worked by hand") {
    // Scales 0.5, 0.5 -> 1: inputs shifted left by 15, halved, summed, scaled by 2^-15.
    test::single_op r(binary(op_add, tag_add, false, 0),
                      {test::raw(std::vector<int16_t>{100, -32768}), test::raw(std::vector<int16_t>{60, -32768})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int16_t>(0) == std::vector<int16_t>{80, -32768});
}

TEST_CASE("ADD int16x8: the power-of-two-scale form and non-zero zero points are refused by name") {
    const auto x = test::raw(std::vector<int16_t>{1, 2});
    {
        test::single_op r(binary(op_add, tag_add, true, 0), {x, x});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("power-of-two") != std::string::npos);
    }
    {
        test::single_op r(binary(op_add, tag_add, false, 3), {x, x});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("zero point 0") != std::string::npos);
    }
    {
        test::single_op r(binary(op_mul, tag_mul, false, 3), {x, x});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("zero point 0") != std::string::npos);
    }
}

TEST_CASE("MUL int16x8: product rescaled by s_a * s_b / s_out") {
    // 0.5 * 0.5 / 1 = 0.25: 300 * -200 * 0.25 = -15000; 32767 * 32767 * 0.25 saturates to 32767.
    test::single_op r(binary(op_mul, tag_mul, false, 0),
                      {test::raw(std::vector<int16_t>{300, 32767}), test::raw(std::vector<int16_t>{-200, 32767})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int16_t>(0) == std::vector<int16_t>{-15000, 32767});
}

TEST_CASE("FULLY_CONNECTED int16x8 with an int32 bias") {
    test::tb_model tm;
    tm.opcodes = {{op_fully_connected, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<int8_t>{1, 2}));
    tm.buffers.push_back(test::bytes_of(std::vector<int32_t>{2}));
    test::tb_tensor x = test::tt({1, 2}, t_int16, 0, "x"), w = test::tt({1, 2}, t_int8, 1, "w"),
                    b = test::tt({1}, t_int32, 2, "b"), y = test::tt({1, 1}, t_int16, 0, "y");
    x.scale = {0.5f}, x.zero_point = {0};
    w.scale = {0.6f}, w.zero_point = {0};
    b.scale = {0.3f}, b.zero_point = {0};
    y.scale = {1.0f}, y.zero_point = {0};
    tm.tensors = {x, w, b, y};
    tm.inputs = {0};
    tm.outputs = {3};
    test::tb_op op;
    op.inputs = {0, 1, 2};
    op.outputs = {3};
    op.options_type = tag_fully_connected;
    op.options = [](flatbuffers::FlatBufferBuilder& fb) { return fb.EndTable(fb.StartTable()); };
    tm.ops = {op};
    // acc = -1000 - 2000 + 2 = -2998; TFLite rescales in double: round(-2998 * 0.3) = round(-899.4) = -899
    // (0.5f * 0.6f / 1.0f in double is 0.3000000119..., which does not move the rounding).
    test::single_op r(tm, {test::raw(std::vector<int16_t>{-1000, -1000})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int16_t>(0) == std::vector<int16_t>{-899});
}

TEST_CASE("LOGISTIC int16x8: an output scale other than 2^-15 is refused") {
    test::tb_model tm;
    tm.opcodes = {{14, ""}};
    test::tb_tensor x = test::tt({2}, t_int16, 0, "x"), y = test::tt({2}, t_int16, 0, "y");
    x.scale = {1.0f / 4096}, x.zero_point = {0};
    y.scale = {1.0f / 256}, y.zero_point = {0};
    tm.tensors = {x, y};
    tm.inputs = {0};
    tm.outputs = {1};
    test::tb_op op;
    op.inputs = {0};
    op.outputs = {1};
    tm.ops = {op};
    test::single_op r(tm, {test::raw(std::vector<int16_t>{0, 1})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("2^-15") != std::string::npos);
}
