// 16x8 ADD, SUB, MUL and FULLY_CONNECTED beyond the converter's fixtures (tests/data/ops/*_int16x8): ADD's
// general-scale form and TFLite's power-of-two-scale form (pot_scale_int16) worked by hand, what each form
// refuses, and FULLY_CONNECTED with an int32 bias (the converter writes int64).
#include <doctest/doctest.h>

#include <string>

#include "support/single_op.hpp"

using namespace flatnn;

namespace {

constexpr int32_t op_add = 0, op_fully_connected = 9, op_mul = 18, op_sub = 41;
constexpr int8_t t_int32 = 2, t_int16 = 7, t_int8 = 9;
constexpr uint8_t tag_fully_connected = 8, tag_add = 11, tag_mul = 21, tag_sub = 28;

struct scales {
    float a = 0.5f, b = 0.5f, y = 1.0f;
};

// a (shape a_shape) op b (shape {2} unless given) -> y; pot_scale_int16 is written for ADD and SUB.
test::tb_model binary(int32_t code, uint8_t tag, bool pot_scale_int16, int32_t zero_point, scales sc = {},
                      std::vector<int32_t> a_shape = {2}, std::vector<int32_t> b_shape = {2}) {
    test::tb_model tm;
    tm.opcodes = {{code, ""}};
    std::vector<int32_t> y_shape = a_shape.size() >= b_shape.size() && a_shape[0] >= b_shape[0] ? a_shape : b_shape;
    test::tb_tensor a = test::tt(a_shape, t_int16, 0, "a"), b = test::tt(b_shape, t_int16, 0, "b"),
                    y = test::tt(y_shape, t_int16, 0, "y");
    a.scale = {sc.a}, a.zero_point = {zero_point};
    b.scale = {sc.b}, b.zero_point = {0};
    y.scale = {sc.y}, y.zero_point = {0};
    tm.tensors = {a, b, y};
    tm.inputs = {0, 1};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    op.options_type = tag;
    op.options = [tag, pot_scale_int16](flatbuffers::FlatBufferBuilder& fb) {
        const auto start = fb.StartTable();
        if (tag == tag_add || tag == tag_sub) fb.AddElement<uint8_t>(test::vt(1), pot_scale_int16 ? 1 : 0, 1);
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

TEST_CASE("ADD int16x8: pot_scale_int16 with a scale that is no power of two runs the general form, as TFLite") {
    // Scales 0.5, 0.5 -> 0.75: (100 + 60) * 0.5 / 0.75 = 106.67 -> 107.
    test::single_op r(binary(op_add, tag_add, true, 0, {0.5f, 0.5f, 0.75f}),
                      {test::raw(std::vector<int16_t>{100, 0}), test::raw(std::vector<int16_t>{60, 3})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int16_t>(0) == std::vector<int16_t>{107, 2});
}

// Scales 1, 0.25 -> 1: input 1 shifted right by 2, rounding half away from zero (6 -> 1.5 -> 2, -6 -> -2,
// -2 -> -0.5 -> -1), input 0 as is; the sum saturates at 32767.
TEST_CASE("ADD and SUB int16x8: the power-of-two-scale form, worked by hand") {
    const auto a = test::raw(std::vector<int16_t>{100, 32767, -5, 7, -32768, 1});
    const auto b = test::raw(std::vector<int16_t>{6, 8, -6, -2, 4, 1});
    const scales sc{1.0f, 0.25f, 1.0f};
    {
        test::single_op r(binary(op_add, tag_add, true, 0, sc, {6}, {6}), {a, b});
        REQUIRE_MESSAGE(r.s, r.s.message());
        CHECK(r.out<int16_t>(0) == std::vector<int16_t>{102, 32767, -7, 6, -32767, 1});
    }
    {
        test::single_op r(binary(op_sub, tag_sub, true, 0, sc, {6}, {6}), {a, b});
        REQUIRE_MESSAGE(r.s, r.s.message());
        CHECK(r.out<int16_t>(0) == std::vector<int16_t>{98, 32765, -3, 8, -32768, 1});
    }
    {  // the shifted input first: scales 0.25, 1 -> 1, so a - b = rdbpot(a, 2) - b
        test::single_op r(binary(op_sub, tag_sub, true, 0, {0.25f, 1.0f, 1.0f}, {6}, {6}), {b, a});
        REQUIRE_MESSAGE(r.s, r.s.message());
        CHECK(r.out<int16_t>(0) == std::vector<int16_t>{-98, -32765, 3, -8, 32767, -1});
    }
}

TEST_CASE("SUB int16x8: the power-of-two-scale form broadcasts") {
    // {2, 2} - {2}: the row 4, -3 shifted right by 1 -> 2, -2 (rounding away from zero).
    test::single_op r(binary(op_sub, tag_sub, true, 0, {1.0f, 0.5f, 1.0f}, {2, 2}, {2}),
                      {test::raw(std::vector<int16_t>{10, 20, 30, 40}), test::raw(std::vector<int16_t>{4, -3})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int16_t>(0) == std::vector<int16_t>{8, 22, 28, 42});
}

TEST_CASE("ADD and SUB int16x8: what the forms refuse, by name") {
    const auto x = test::raw(std::vector<int16_t>{1, 2});
    {  // both inputs below the output's scale: TFLite's power-of-two form shifts one input only
        test::single_op r(binary(op_add, tag_add, true, 0), {x, x});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("output's scale") != std::string::npos);
    }
    {  // an input coarser than the output would need a left shift
        test::single_op r(binary(op_sub, tag_sub, true, 0, {2.0f, 1.0f, 1.0f}), {x, x});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("output's scale") != std::string::npos);
    }
    {  // ADD's power-of-two kernel walks both inputs flat
        test::single_op r(binary(op_add, tag_add, true, 0, {1.0f, 0.5f, 1.0f}, {2, 2}, {2}),
                          {test::raw(std::vector<int16_t>{1, 2, 3, 4}), x});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("does not broadcast") != std::string::npos);
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
