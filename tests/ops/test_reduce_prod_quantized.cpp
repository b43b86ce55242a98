// Quantized REDUCE_PROD (int8) beyond the converter's fixtures: TFLite's step-by-step rescaling worked by hand,
// the first factor of each output found in either layout, and quantized uint8 refused by name.
#include <doctest/doctest.h>

#include <string>

#include "support/single_op.hpp"

using namespace flatnn;

namespace {

constexpr int32_t op_reduce_prod = 81;
constexpr int8_t t_int32 = 2, t_uint8 = 3, t_int8 = 9;
constexpr uint8_t tag_reducer = 27;

// x (shape in_shape, scale 0.25, zero point 1) reduced over `axis` to y (scale 1/16, zero point 3): each factor
// carries 0.25 / (1/16)^(1/4) = 0.5.
test::tb_model reduce_prod_model(std::vector<int32_t> in_shape, int32_t axis, std::vector<int32_t> out_shape,
                                 int8_t type = t_int8) {
    test::tb_model tm;
    tm.opcodes = {{op_reduce_prod, ""}};
    test::tb_tensor x = test::tt(std::move(in_shape), type, 0, "x"), a = test::tt({1}, t_int32, 1, "axis"),
                    y = test::tt(std::move(out_shape), type, 0, "y");
    x.scale = {0.25f}, x.zero_point = {1};
    y.scale = {0.0625f}, y.zero_point = {3};
    tm.tensors = {x, a, y};
    tm.buffers.push_back(test::bytes_of(std::vector<int32_t>{axis}));
    tm.inputs = {0};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    op.options_type = tag_reducer;
    op.options = [](flatbuffers::FlatBufferBuilder& fb) { return fb.EndTable(fb.StartTable()); };
    tm.ops = {op};
    return tm;
}

}  // namespace

// Factors (x - 1) of output 0: 3, 6, -3, 5. With the step factor 0.5 (rounding half up):
//   3 -> 3*6 = 18 -> 9 -> 9*-3 = -27 -> -13 -> -13*5 = -65 -> -32, rescaled once more -> -16, + 3 = -13
// (the real product, -1.0546875 / (1/16) + 3 = -13.875, would round to -14: TFLite's rounding is kept).
// Output 1: -129, -129, 1, 1: 16641 -> 8321 -> 4161 -> 2081 -> 1041 + 3, saturated to 127.
TEST_CASE("REDUCE_PROD int8: every step rescaled as TensorFlow Lite, worked by hand") {
    SUBCASE("reduced axis innermost") {
        test::single_op r(reduce_prod_model({2, 4}, 1, {2}),
                          {test::raw(std::vector<int8_t>{4, 7, -2, 6, -128, -128, 2, 2})});
        REQUIRE_MESSAGE(r.s, r.s.message());
        CHECK(r.out<int8_t>(0) == std::vector<int8_t>{-13, 127});
    }
    SUBCASE("reduced axis outermost (outputs interleaved)") {
        test::single_op r(reduce_prod_model({4, 2}, 0, {2}),
                          {test::raw(std::vector<int8_t>{4, -128, 7, -128, -2, 2, 6, 2})});
        REQUIRE_MESSAGE(r.s, r.s.message());
        CHECK(r.out<int8_t>(0) == std::vector<int8_t>{-13, 127});
    }
}

TEST_CASE("REDUCE_PROD: quantized uint8 is refused by name, as TensorFlow Lite has no kernel for it") {
    test::single_op r(reduce_prod_model({2, 4}, 1, {2}, t_uint8), {test::raw(std::vector<uint8_t>(8, 1))});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("uint8") != std::string::npos);
}
