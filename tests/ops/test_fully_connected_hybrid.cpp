// Hybrid FULLY_CONNECTED through the interpreter: float input, int8 weights with per-unit scales, and the
// errors for weights that the hybrid kernel cannot take. TensorFlow Lite's results are in the fixtures
// (tests/data/ops/*_hybrid).
#include <doctest/doctest.h>

#include <string>

#include "support/single_op.hpp"

using namespace flatnn;

namespace {

constexpr int32_t op_fully_connected = 9;
constexpr int8_t t_float32 = 0, t_int32 = 2, t_int8 = 9;
constexpr uint8_t tag_fully_connected_options = 8;

// x [2, 4] float, w [2, 4] int8 with scales {0.5, 0.25}, optional bias [bias_units], y float.
test::tb_model hybrid_fc(bool asymmetric, int bias_units = 2, int8_t bias_type = t_float32) {
    test::tb_model tm;
    tm.opcodes = {{op_fully_connected, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<int8_t>{1, 2, 3, 4, -1, 0, 0, 127}));
    tm.buffers.push_back(bias_type == t_float32 ? test::bytes_of(std::vector<float>(size_t(bias_units), 0.5f))
                                                : test::bytes_of(std::vector<int32_t>(size_t(bias_units), 1)));
    test::tb_tensor w = test::tt({2, 4}, t_int8, 1, "w");
    w.scale = {0.5f, 0.25f};
    w.zero_point = {0, 0};
    tm.tensors = {test::tt({2, 4}, t_float32, 0, "x"), w, test::tt({bias_units}, bias_type, 2, "b"),
                  test::tt({2, 2}, t_float32, 0, "y")};
    tm.inputs = {0};
    tm.outputs = {3};
    test::tb_op op;
    op.inputs = {0, 1, 2};
    op.outputs = {3};
    op.options_type = tag_fully_connected_options;
    op.options = [asymmetric](flatbuffers::FlatBufferBuilder& b) {
        const auto start = b.StartTable();
        b.AddElement<uint8_t>(test::vt(3), asymmetric ? 1 : 0, 0);  // asymmetric_quantize_inputs
        return b.EndTable(start);
    };
    tm.ops = {op};
    return tm;
}

std::string error_of(const test::tb_model& tm) {
    test::single_op r(tm, {test::raw(std::vector<float>(8, 0.0f))});
    return r.s ? std::string() : r.s.message();
}

}  // namespace

TEST_CASE("hybrid FULLY_CONNECTED: int8 weights with a float input run the hybrid kernel") {
    const std::vector<float> x = {1.0f, -0.5f, 0.25f, 0.0f, 0.0f, 1.0f, 2.0f, 3.0f};
    {
        test::single_op r(hybrid_fc(false), {test::raw(x)});
        REQUIRE_MESSAGE(r.s, r.s.message());
        const auto y = r.out<float>(0);
        // Symmetric rows (see tests/reference/test_fully_connected_hybrid.cpp for the quantized values).
        CHECK(y[0] == 0.5f + 95.0f * ((1.0f / 127.0f) * 0.5f));
        CHECK(y[1] == 0.5f + -127.0f * ((1.0f / 127.0f) * 0.25f));
        CHECK(y[2] == 0.5f + 847.0f * ((3.0f / 127.0f) * 0.5f));
        CHECK(y[3] == 0.5f + 16129.0f * ((3.0f / 127.0f) * 0.25f));
    }
    {
        test::single_op r(hybrid_fc(true), {test::raw(x)});
        REQUIRE_MESSAGE(r.s, r.s.message());
        const auto y = r.out<float>(0);
        // Asymmetric row 1: offset -128, scale 3/255, exact dot products 1700 and 32385.
        const float s = 3.0f / 255.0f;
        CHECK(y[2] == 0.5f + 1700.0f * (s * 0.5f));
        CHECK(y[3] == 0.5f + 32385.0f * (s * 0.25f));
    }
}

TEST_CASE("hybrid FULLY_CONNECTED: weights and bias the kernel cannot take are refused by name") {
    test::tb_model tm = hybrid_fc(true);
    tm.tensors[1].scale.clear();
    tm.tensors[1].zero_point.clear();
    CHECK(error_of(tm).find("hybrid int8 weights 'w' have no quantization scale") != std::string::npos);

    tm = hybrid_fc(true);
    tm.tensors[1].scale = {0.5f, 0.25f, 0.1f, 0.1f};  // per input column
    tm.tensors[1].zero_point = {0, 0, 0, 0};
    tm.tensors[1].quantized_dimension = 1;
    CHECK(error_of(tm).find("have 4 scales on dimension 1, expected 1 or 2 on dimension 0") != std::string::npos);

    tm = hybrid_fc(true);
    tm.tensors[1].zero_point = {0, 3};
    CHECK(error_of(tm).find("zero point 3, only symmetric") != std::string::npos);

    tm = hybrid_fc(true);
    tm.tensors[1].scale = {0.5f, 0.0f};
    CHECK(error_of(tm).find("is not positive and finite") != std::string::npos);

    CHECK(error_of(hybrid_fc(true, 3)).find("bias has 3 elements for 2 units") != std::string::npos);
    const std::string e = error_of(hybrid_fc(true, 2, t_int32));
    CHECK(e.find("bias") != std::string::npos);
    CHECK(e.find("int32") != std::string::npos);
}
