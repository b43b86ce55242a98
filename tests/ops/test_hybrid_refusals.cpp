// Hybrid CONV_2D, DEPTHWISE_CONV_2D and BATCH_MATMUL (float input, int8 weights): forms the kernels do not
// take are refused with the rule named. Their results against TensorFlow Lite are in the fixtures
// (tests/data/ops/*_hybrid).
#include <doctest/doctest.h>

#include <string>

#include "support/single_op.hpp"

using namespace flatnn;

namespace {

constexpr int32_t op_conv_2d = 3, op_depthwise_conv_2d = 4, op_batch_matmul = 126;
constexpr int8_t t_float32 = 0, t_int8 = 9;
constexpr uint8_t tag_conv2d = 1, tag_depthwise = 2;

// One op: float input x (graph input), int8 constant weights w, float output y; options with stride 1.
test::tb_model one_hybrid_op(int32_t code, uint8_t options_tag, std::vector<int32_t> x_shape, test::tb_tensor w,
                             std::vector<int32_t> y_shape) {
    test::tb_model tm;
    tm.opcodes = {{code, ""}};
    size_t count = 1;
    for (int32_t d : w.shape) count *= size_t(d);
    tm.buffers.push_back(test::bytes_of(std::vector<int8_t>(count, 1)));
    w.buffer = 1;
    tm.tensors = {test::tt(std::move(x_shape), t_float32, 0, "x"), std::move(w), test::tt(std::move(y_shape), t_float32, 0, "y")};
    tm.inputs = {0};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    if (options_tag) {
        op.options_type = options_tag;
        op.options = [](flatbuffers::FlatBufferBuilder& b) {
            const auto start = b.StartTable();
            b.AddElement<int32_t>(test::vt(1), 1, 0);  // stride_w
            b.AddElement<int32_t>(test::vt(2), 1, 0);  // stride_h
            return b.EndTable(start);
        };
    }
    tm.ops = {op};
    return tm;
}

test::tb_tensor int8_weights(std::vector<int32_t> shape, std::vector<float> scales, int32_t axis) {
    test::tb_tensor w = test::tt(std::move(shape), t_int8, 1, "w");
    w.zero_point.assign(scales.size(), 0);
    w.scale = std::move(scales);
    w.quantized_dimension = axis;
    return w;
}

std::string error_of(const test::tb_model& tm, size_t input_floats) {
    test::single_op r(tm, {test::raw(std::vector<float>(input_floats, 0.5f))});
    return r.s ? std::string() : r.s.message();
}

}  // namespace

TEST_CASE("hybrid CONV_2D: grouped filters and missing scales are refused") {
    // Input 4 channels, filter 2 channels: two groups.
    auto grouped = one_hybrid_op(op_conv_2d, tag_conv2d, {1, 3, 3, 4}, int8_weights({2, 1, 1, 2}, {0.1f}, 0), {1, 3, 3, 2});
    CHECK(error_of(grouped, 36).find("hybrid CONV_2D has no grouped form") != std::string::npos);
    auto unscaled = one_hybrid_op(op_conv_2d, tag_conv2d, {1, 3, 3, 2}, int8_weights({2, 1, 1, 2}, {}, 0), {1, 3, 3, 2});
    CHECK(error_of(unscaled, 18).find("hybrid int8 weights 'w' have no quantization scale") != std::string::npos);
    auto ok = one_hybrid_op(op_conv_2d, tag_conv2d, {1, 3, 3, 2}, int8_weights({2, 1, 1, 2}, {0.1f, 0.2f}, 0), {1, 3, 3, 2});
    CHECK(error_of(ok, 18).empty());
}

TEST_CASE("hybrid DEPTHWISE_CONV_2D: per-channel scales must be on the filter's last axis") {
    auto wrong_axis = one_hybrid_op(op_depthwise_conv_2d, tag_depthwise, {1, 3, 3, 4},
                                    int8_weights({1, 3, 3, 4}, {0.1f, 0.2f, 0.3f}, 1), {1, 3, 3, 4});
    CHECK(error_of(wrong_axis, 36).find("have 3 scales on dimension 1, expected 1 or 4 on dimension 3") !=
          std::string::npos);
    auto ok = one_hybrid_op(op_depthwise_conv_2d, tag_depthwise, {1, 3, 3, 4},
                            int8_weights({1, 3, 3, 4}, {0.1f, 0.2f, 0.3f, 0.4f}, 3), {1, 3, 3, 4});
    CHECK(error_of(ok, 36).empty());
}

TEST_CASE("hybrid BATCH_MATMUL: the int8 rhs must have one scale") {
    auto per_channel = one_hybrid_op(op_batch_matmul, 0, {2, 3, 4}, int8_weights({2, 4, 3}, {0.1f, 0.2f, 0.3f}, 2), {2, 3, 3});
    CHECK(error_of(per_channel, 24).find("has 3 scales; only one (per tensor) is supported") != std::string::npos);
    auto ok = one_hybrid_op(op_batch_matmul, 0, {2, 3, 4}, int8_weights({2, 4, 3}, {0.1f}, 0), {2, 3, 3});
    CHECK(error_of(ok, 24).empty());
}
