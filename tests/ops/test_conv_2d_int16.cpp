// 16x8 CONV_2D (int16 activations, int8 weights): the accumulator follows the bias type as in TensorFlow Lite,
// int64 with its 64-bit rescale (the multiplier rounded to 16 bits, one rounding shift), int32 with the 32-bit
// one, which round a negative half differently; zero points other than 0 are refused. The converter's models
// (int64 biases) are in the fixtures (tests/data/ops/*_int16x8).
#include <doctest/doctest.h>

#include <string>

#include "support/single_op.hpp"

using namespace flatnn;

namespace {

constexpr int32_t op_conv_2d = 3;
constexpr int8_t t_int32 = 2, t_int64 = 4, t_int16 = 7, t_int8 = 9;
constexpr uint8_t tag_conv2d = 1;

// 1x1 conv of x[1,1,1,2] (scale 0.5) with w = {1, 2} (scale 0.6) plus bias 2, output scale 1: the effective
// scale 0.5 * 0.6 = 0.3 (multiplier 1288490240, shift -1).
test::tb_model conv_1x1(int8_t bias_type, int32_t input_zero_point) {
    test::tb_model tm;
    tm.opcodes = {{op_conv_2d, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<int8_t>{1, 2}));
    tm.buffers.push_back(bias_type == t_int64 ? test::bytes_of(std::vector<int64_t>{2}) : test::bytes_of(std::vector<int32_t>{2}));
    test::tb_tensor x = test::tt({1, 1, 1, 2}, t_int16, 0, "x"), w = test::tt({1, 1, 1, 2}, t_int8, 1, "w"),
                    b = test::tt({1}, bias_type, 2, "b"), y = test::tt({1, 1, 1, 1}, t_int16, 0, "y");
    x.scale = {0.5f}, x.zero_point = {input_zero_point};
    w.scale = {0.6f}, w.zero_point = {0};
    b.scale = {0.3f}, b.zero_point = {0};
    y.scale = {1.0f}, y.zero_point = {0};
    tm.tensors = {x, w, b, y};
    tm.inputs = {0};
    tm.outputs = {3};
    test::tb_op op;
    op.inputs = {0, 1, 2};
    op.outputs = {3};
    op.options_type = tag_conv2d;
    op.options = [](flatbuffers::FlatBufferBuilder& fb) {
        const auto start = fb.StartTable();
        fb.AddElement<int32_t>(test::vt(1), 1, 0);  // stride_w
        fb.AddElement<int32_t>(test::vt(2), 1, 0);  // stride_h
        return fb.EndTable(start);
    };
    tm.ops = {op};
    return tm;
}

}  // namespace

TEST_CASE("CONV_2D int16x8: int64 and int32 biases pick TFLite's 64-bit and 32-bit rescales") {
    // acc = -1000*1 + (-1000)*2 + 2 = -2998; real result -899.4.
    const auto input = test::raw(std::vector<int16_t>{-1000, -1000});
    {
        test::single_op r(conv_1x1(t_int64, 0), {input});
        REQUIRE_MESSAGE(r.s, r.s.message());
        // (-2998 * 19661 + 2^15) >> 16 with the multiplier rounded to 16 bits: -899.
        CHECK(r.out<int16_t>(0) == std::vector<int16_t>{-899});
    }
    {
        test::single_op r(conv_1x1(t_int32, 0), {input});
        REQUIRE_MESSAGE(r.s, r.s.message());
        // SRDHM(-2998, 1288490240) = -1799, then the rounding halving gives -900 (double rounding).
        CHECK(r.out<int16_t>(0) == std::vector<int16_t>{-900});
    }
    const auto big = test::raw(std::vector<int16_t>{32767, 32767});  // acc = 98303, 29491 after the rescale

    test::single_op r(conv_1x1(t_int64, 0), {big});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int16_t>(0) == std::vector<int16_t>{29491});
}

TEST_CASE("CONV_2D int16x8: an input zero point other than 0 is refused") {
    test::single_op r(conv_1x1(t_int64, 5), {test::raw(std::vector<int16_t>{0, 0})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("zero point 0") != std::string::npos);
}
