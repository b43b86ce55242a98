// int8 BATCH_MATMUL's output multiplier beyond the converter's fixtures: TFLite forms s_lhs·s_rhs in float and
// divides by s_out in double; with these scales a double product quantizes to another multiplier (1875688926
// instead of 1875688935, shift -10) and the output below moves by 1. TFLite (BUILTIN_REF, ai-edge-litert 2.3.0)
// gives -2 for this model and input.
#include <doctest/doctest.h>

#include "support/single_op.hpp"

using namespace flatnn;

TEST_CASE("BATCH_MATMUL int8: the output multiplier from a float scale product, as TensorFlow Lite") {
    constexpr int32_t op_batch_matmul = 126;
    constexpr int8_t t_int8 = 9;
    constexpr uint8_t tag_batch_mat_mul = 101;
    test::tb_model tm;
    tm.opcodes = {{op_batch_matmul, ""}};
    test::tb_tensor lhs = test::tt({1, 1, 2}, t_int8, 0, "lhs"), rhs = test::tt({1, 2, 1}, t_int8, 0, "rhs"),
                    y = test::tt({1, 1, 1}, t_int8, 0, "y");
    lhs.scale = {0.041157126f}, lhs.zero_point = {0};
    rhs.scale = {0.002126702f}, rhs.zero_point = {0};
    y.scale = {0.10261733f}, y.zero_point = {0};
    tm.tensors = {lhs, rhs, y};
    tm.inputs = {0, 1};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    op.options_type = tag_batch_mat_mul;
    op.options = [](flatbuffers::FlatBufferBuilder& fb) { return fb.EndTable(fb.StartTable()); };
    tm.ops = {op};
    // acc = -127·13 - 107·1 = -1758. TFLite rescales in two rounding steps: SRDHM(-1758, M) = -1536 with its
    // multiplier (-1535 with the double product's), then a rounding shift right by 10: -1.5 -> -2 (-1.499 -> -1).
    test::single_op r(tm, {test::raw(std::vector<int8_t>{-127, -107}), test::raw(std::vector<int8_t>{13, 1})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int8_t>(0) == std::vector<int8_t>{-2});
}
