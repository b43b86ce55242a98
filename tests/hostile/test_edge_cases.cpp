// Edge cases of hostile or unusual models: zero-size tensors, scalars, rank 6, broadcasting, NaN and infinity,
// bad quantization, omitted inputs, graph outputs that are constants or inputs, tensors produced twice and
// options tables that are missing or of the wrong type. Each either computes the right values or is refused
// with a message that names the rule and the place.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "hostile/hostile_support.hpp"

using namespace flatnn;
using test::contains;

namespace {

constexpr int32_t op_add = 0, op_conv_2d = 3, op_fully_connected = 9, op_logistic = 14, op_softmax = 25,
                  op_quantize = 114;
constexpr int8_t t_float32 = 0, t_int32 = 2, t_uint8 = 3, t_int8 = 9;
constexpr uint8_t tag_conv2d_options = 1, tag_add_options = 11;

struct runner {
    std::vector<uint8_t> bytes;
    result<model> m;
    std::unique_ptr<interpreter> it;
    explicit runner(const test::tb_model& tm) : bytes(test::build_model(tm)), m(model::from_memory(bytes.data(), bytes.size())) {
        REQUIRE_MESSAGE(m, m.error().message());
        it.reset(new interpreter(*m));
        status s = it->allocate();
        REQUIRE_MESSAGE(s, s.message());
    }
    float* in(size_t i) { return it->input(i).data_as<float>(); }
    float* out(size_t i = 0) { return it->output(i).data_as<float>(); }
};

}  // namespace

TEST_CASE("zero-size tensors: ADD of [0,3] tensors allocates and invokes, producing nothing") {
    runner r(test::one_op(op_add, {{0, 3}, {0, 3}}, {0, 3}));
    CHECK(r.it->output(0).dims == shape{0, 3});
    CHECK(r.it->output(0).bytes == 0);
    CHECK(r.it->invoke());
}

TEST_CASE("zero-size tensor broadcast against a non-empty one gives an empty output") {
    runner r(test::one_op(op_add, {{0, 3}, {1, 3}}, {0, 3}));
    CHECK(r.it->output(0).dims == shape{0, 3});
    CHECK(r.it->invoke());
}

TEST_CASE("softmax over a zero-length last axis does nothing and does not divide by zero") {
    runner r(test::one_op(op_softmax, {{2, 0}}, {2, 0}));
    CHECK(r.it->invoke());
}

TEST_CASE("scalars (rank 0): ADD of two scalars") {
    runner r(test::one_op(op_add, {{}, {}}, {}));
    CHECK(r.it->output(0).dims.rank() == 0);
    r.in(0)[0] = 1.25f;
    r.in(1)[0] = 2.5f;
    REQUIRE(r.it->invoke());
    CHECK(r.out()[0] == 3.75f);
}

TEST_CASE("a scalar broadcast against a rank-2 tensor") {
    runner r(test::one_op(op_add, {{}, {2, 2}}, {2, 2}));
    r.in(0)[0] = 10.0f;
    for (int i = 0; i < 4; ++i) r.in(1)[i] = float(i);
    REQUIRE(r.it->invoke());
    for (int i = 0; i < 4; ++i) CHECK(r.out()[i] == 10.0f + float(i));
}

TEST_CASE("rank 6 with broadcasting on alternate axes") {
    // a: [2,1,2,1,2,1], b: [1,2,1,2,1,2] -> out [2,2,2,2,2,2]; out[i0..i5] = a[i0,i2,i4] + b[i1,i3,i5].
    runner r(test::one_op(op_add, {{2, 1, 2, 1, 2, 1}, {1, 2, 1, 2, 1, 2}}, {2, 2, 2, 2, 2, 2}));
    REQUIRE(r.it->output(0).dims == shape{2, 2, 2, 2, 2, 2});
    for (int i = 0; i < 8; ++i) r.in(0)[i] = float(100 * i);
    for (int i = 0; i < 8; ++i) r.in(1)[i] = float(i);
    REQUIRE(r.it->invoke());
    int mismatches = 0;
    for (int k = 0; k < 64; ++k) {
        const int i0 = (k >> 5) & 1, i1 = (k >> 4) & 1, i2 = (k >> 3) & 1, i3 = (k >> 2) & 1, i4 = (k >> 1) & 1, i5 = k & 1;
        const float want = float(100 * (i0 * 4 + i2 * 2 + i4)) + float(i1 * 4 + i3 * 2 + i5);
        if (r.out()[k] != want) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("shapes that cannot broadcast are refused with both shapes named") {
    const std::string e = test::allocate_error(test::build_model(test::one_op(op_add, {{2, 3}, {3, 2}}, {2, 3})));
    CHECK(contains(e, "op 0 (ADD)"));
    CHECK(contains(e, "[2,3]"));
    CHECK(contains(e, "[3,2]"));
}

TEST_CASE("rank above the supported maximum is refused at load with the tensor named") {
    const std::string e = test::load_error(test::build_model(test::one_op(op_add, {{1, 1, 1, 1, 1, 1, 1, 1, 1}, {1}}, {1})));
    CHECK(contains(e, "tensor 0"));
    CHECK(contains(e, "rank 9"));
}

TEST_CASE("NaN and infinity in float inputs propagate through ADD, LOGISTIC and SOFTMAX") {
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    {
        runner r(test::one_op(op_add, {{4}, {4}}, {4}));
        const float a[4] = {nan, inf, -inf, inf}, b[4] = {1.0f, 1.0f, 1.0f, -inf};
        std::memcpy(r.in(0), a, sizeof a);
        std::memcpy(r.in(1), b, sizeof b);
        REQUIRE(r.it->invoke());
        CHECK(std::isnan(r.out()[0]));
        CHECK(r.out()[1] == inf);
        CHECK(r.out()[2] == -inf);
        CHECK(std::isnan(r.out()[3]));  // inf + -inf
    }
    {
        runner r(test::one_op(op_logistic, {{3}}, {3}));
        const float a[3] = {nan, inf, -inf};
        std::memcpy(r.in(0), a, sizeof a);
        REQUIRE(r.it->invoke());
        CHECK(std::isnan(r.out()[0]));
        CHECK(r.out()[1] == 1.0f);
        CHECK(r.out()[2] == 0.0f);
    }
    {
        runner r(test::one_op(op_softmax, {{1, 3}}, {1, 3}));
        const float a[3] = {nan, 0.0f, 1.0f};
        std::memcpy(r.in(0), a, sizeof a);
        REQUIRE(r.it->invoke());
        for (int i = 0; i < 3; ++i) CHECK(std::isnan(r.out()[i]));  // the max and the sum are NaN
    }
}

TEST_CASE("QUANTIZE of NaN and infinity stays inside the output type") {
    // TFLite's reference kernel converts round(x / s) to int32 with x86 semantics: NaN and out-of-range values
    // become INT32_MIN, then + zero point and clamp: -128 for every one of them with zero point 0.
    test::tb_model tm = test::one_op(op_quantize, {{4}}, {4});
    tm.tensors[1].type = t_int8;
    test::quantize_tensor(tm.tensors[1], 0.5f, 0);
    runner r(tm);
    const float a[4] = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                        -std::numeric_limits<float>::infinity(), 3.0f};
    std::memcpy(r.in(0), a, sizeof a);
    REQUIRE(r.it->invoke());
    const int8_t* q = r.it->output(0).data_as<int8_t>();
    CHECK(q[0] == -128);
    CHECK(q[1] == -128);
    CHECK(q[2] == -128);
    CHECK(q[3] == 6);
}

TEST_CASE("quantization scale zero, negative, NaN or infinite is refused at allocate") {
    const float bad[] = {0.0f, -0.5f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()};
    for (float s : bad) {
        CAPTURE(s);
        test::tb_model tm = test::one_op(op_add, {{4}, {4}}, {4}, t_int8);
        for (auto& t : tm.tensors) test::quantize_tensor(t, 0.5f, 0);
        tm.tensors[1].scale = {s};
        const std::string e = test::allocate_error(test::build_model(tm));
        CHECK(contains(e, "op 0 (ADD)"));
        CHECK(contains(e, "invalid quantization scale"));
    }
}

TEST_CASE("zero point outside the range of its type is refused at allocate") {
    test::tb_model tm = test::one_op(op_add, {{4}, {4}}, {4}, t_int8);
    for (auto& t : tm.tensors) test::quantize_tensor(t, 0.5f, 0);
    tm.tensors[0].zero_point = {128};
    std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (ADD)"));
    CHECK(contains(e, "zero point 128 is outside the range of int8"));

    tm = test::one_op(op_add, {{4}, {4}}, {4}, t_uint8);
    for (auto& t : tm.tensors) test::quantize_tensor(t, 0.5f, 128);
    tm.tensors[2].zero_point = {-1};
    e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "zero point -1 is outside the range of uint8"));
}

TEST_CASE("quantized tensor without quantization parameters is refused") {
    test::tb_model tm = test::one_op(op_add, {{4}, {4}}, {4}, t_int8);
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (ADD)"));
    CHECK(contains(e, "no quantization parameters"));
}

TEST_CASE("per-channel arrays of the wrong length are refused at load with the tensor named") {
    test::tb_model tm = test::one_op(op_add, {{2, 3}, {2, 3}}, {2, 3}, t_int8);
    for (auto& t : tm.tensors) test::quantize_tensor(t, 0.5f, 0);
    tm.tensors[1].scale = {0.5f, 0.25f};  // dimension 0 has size 2: right length
    tm.tensors[1].zero_point = {0, 0};
    tm.tensors[1].quantized_dimension = 1;  // but dimension 1 has size 3
    std::string e = test::load_error(test::build_model(tm));
    CHECK(contains(e, "tensor 1"));
    CHECK(contains(e, "2 per-channel scales but dimension 1 has size 3"));

    tm.tensors[1].quantized_dimension = 0;
    tm.tensors[1].zero_point = {0, 0, 0};  // scale and zero point counts differ
    e = test::load_error(test::build_model(tm));
    CHECK(contains(e, "2 scales but 3 zero points"));

    tm.tensors[1].zero_point = {0, 0};
    tm.tensors[1].quantized_dimension = 5;  // outside the rank
    e = test::load_error(test::build_model(tm));
    CHECK(contains(e, "quantized_dimension 5 is outside the tensor's rank 2"));
}

TEST_CASE("per-channel quantization where the op needs per-tensor is refused") {
    test::tb_model tm = test::one_op(op_add, {{2, 3}, {2, 3}}, {2, 3}, t_int8);
    for (auto& t : tm.tensors) test::quantize_tensor(t, 0.5f, 0);
    tm.tensors[0].scale = {0.5f, 0.25f};
    tm.tensors[0].zero_point = {0, 0};
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (ADD)"));
    CHECK(contains(e, "per tensor"));
}

TEST_CASE("omitted optional input (-1): FULLY_CONNECTED without bias") {
    test::tb_model tm;
    tm.opcodes = {{op_fully_connected, ""}};
    const float w[6] = {1, 2, 3, -1, -2, -3};  // [2 units, 3 inputs]
    tm.buffers.push_back(test::bytes_of(std::vector<float>(w, w + 6)));
    tm.tensors = {test::tt({1, 3}, t_float32, 0, "x"), test::tt({2, 3}, t_float32, 1, "w"), test::tt({1, 2}, t_float32, 0, "y")};
    tm.inputs = {0};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1, -1};
    op.outputs = {2};
    tm.ops = {op};
    runner r(tm);
    r.in(0)[0] = 1, r.in(0)[1] = 10, r.in(0)[2] = 100;
    REQUIRE(r.it->invoke());
    CHECK(r.out()[0] == 321.0f);
    CHECK(r.out()[1] == -321.0f);
}

TEST_CASE("omitted required input (-1) is refused with the input index") {
    test::tb_model tm = test::one_op(op_add, {{2}, {2}}, {2});
    tm.ops[0].inputs = {0, -1};
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (ADD)"));
    CHECK(contains(e, "input 1 is required but omitted"));
}

TEST_CASE("a graph output that is a graph input") {
    test::tb_model tm = test::one_op(op_add, {{2}, {2}}, {2});
    tm.outputs = {2, 0};
    runner r(tm);
    r.in(0)[0] = 1, r.in(0)[1] = 2;
    r.in(1)[0] = 10, r.in(1)[1] = 20;
    REQUIRE(r.it->invoke());
    CHECK(r.out(0)[1] == 22.0f);
    CHECK(r.out(1)[0] == 1.0f);  // the input, untouched by the plan
    CHECK(r.out(1)[1] == 2.0f);
}

TEST_CASE("a graph output that is a constant") {
    test::tb_model tm = test::one_op(op_add, {{2}, {2}}, {2});
    tm.tensors.push_back(test::tt({2}, t_float32, 1, "const"));
    tm.buffers.push_back(test::bytes_of(std::vector<float>{7.0f, 8.0f}));
    tm.outputs = {2, 3};
    runner r(tm);
    REQUIRE(r.it->invoke());
    CHECK(r.out(1)[0] == 7.0f);
    CHECK(r.out(1)[1] == 8.0f);
}

TEST_CASE("a model with no operators whose output is its input") {
    test::tb_model tm;
    tm.tensors = {test::tt({3}, t_float32, 0, "x")};
    tm.inputs = {0};
    tm.outputs = {0};
    runner r(tm);
    r.in(0)[2] = 5.0f;
    REQUIRE(r.it->invoke());
    CHECK(r.out()[2] == 5.0f);
}

TEST_CASE("a zero-element tensor without data is ready before any op (TF's empty shape of a reshape to a scalar)") {
    constexpr int32_t op_reshape = 22;
    test::tb_model tm = test::one_op(op_reshape, {{1, 1}}, {});
    tm.tensors.insert(tm.tensors.begin() + 1, test::tt({0}, t_int32, 0, "empty_shape"));  // buffer 0: no bytes
    tm.ops[0].inputs = {0, 1};
    tm.ops[0].outputs = {2};
    tm.outputs = {2};
    runner r(tm);
    r.in(0)[0] = 4.5f;
    REQUIRE(r.it->invoke());
    CHECK(r.it->output(0).dims.rank() == 0);
    CHECK(r.out()[0] == 4.5f);

    // Still refused: a non-empty tensor that nothing produces.
    tm.tensors[1] = test::tt({1}, t_int32, 0, "shape_without_data");
    CHECK(contains(test::load_error(test::build_model(tm)), "reads tensor 1 'shape_without_data' before any operator produces it"));
}

TEST_CASE("a graph input that is a constant is refused at load (writing it would change the shared model)") {
    test::tb_model tm = test::one_op(op_add, {{2}, {2}}, {2});
    tm.buffers.push_back(test::bytes_of(std::vector<float>{1.0f, 2.0f}));
    tm.tensors[1].buffer = 1;
    const std::string e = test::load_error(test::build_model(tm));
    CHECK(contains(e, "subgraph 0: input 1 (tensor 1 'in1') is a constant"));
}

TEST_CASE("a tensor produced twice is refused at load") {
    test::tb_model tm = test::one_op(op_add, {{2}, {2}}, {2});
    tm.ops.push_back(tm.ops[0]);
    std::string e = test::load_error(test::build_model(tm));
    CHECK(contains(e, "subgraph 0 op 1 (ADD)"));
    CHECK(contains(e, "output tensor 2 'out' is already produced"));

    tm = test::one_op(op_add, {{2}, {2}}, {2});
    tm.ops[0].outputs = {0};  // writes a graph input
    e = test::load_error(test::build_model(tm));
    CHECK(contains(e, "output tensor 0 'in0' is already produced"));
}

TEST_CASE("an op whose output is a constant is refused at load") {
    test::tb_model tm = test::one_op(op_add, {{2}, {2}}, {2});
    tm.buffers.push_back(test::bytes_of(std::vector<float>{1.0f, 2.0f}));
    tm.tensors[2].buffer = 1;
    const std::string e = test::load_error(test::build_model(tm));
    CHECK(contains(e, "output tensor 2 'out' is a constant"));
}

TEST_CASE("options table missing: ADD uses the schema defaults (no activation)") {
    runner r(test::one_op(op_add, {{1}, {1}}, {1}));
    r.in(0)[0] = -3.0f;
    r.in(1)[0] = 1.0f;
    REQUIRE(r.it->invoke());
    CHECK(r.out()[0] == -2.0f);  // a RELU would give 0
}

TEST_CASE("options table missing: CONV_2D with the default strides of 0 is refused") {
    test::tb_model tm;
    tm.opcodes = {{op_conv_2d, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<float>(4, 1.0f)));
    tm.tensors = {test::tt({1, 2, 2, 1}, t_float32, 0, "x"), test::tt({1, 2, 2, 1}, t_float32, 1, "w"),
                  test::tt({1, 1, 1, 1}, t_float32, 0, "y")};
    tm.inputs = {0};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1, -1};
    op.outputs = {2};
    tm.ops = {op};
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (CONV_2D)"));
    CHECK(contains(e, "strides (0,0)"));
}

TEST_CASE("options table of the wrong union type is refused with both types named") {
    test::tb_model tm;
    tm.opcodes = {{op_conv_2d, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<float>(4, 1.0f)));
    tm.tensors = {test::tt({1, 2, 2, 1}, t_float32, 0, "x"), test::tt({1, 2, 2, 1}, t_float32, 1, "w"),
                  test::tt({1, 1, 1, 1}, t_float32, 0, "y")};
    tm.inputs = {0};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1, -1};
    op.outputs = {2};
    op.options_type = tag_add_options;
    op.options = [](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<int8_t>(test::vt(0), 1, 0);  // AddOptions.fused_activation_function = RELU
        return b.EndTable(s);
    };
    tm.ops = {op};
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (CONV_2D)"));
    CHECK(contains(e, "builtin_options has type AddOptions, expected Conv2DOptions"));

    // The same table with the right tag runs: stride 1 VALID, sum of the four inputs.
    tm.ops[0].options_type = tag_conv2d_options;
    tm.ops[0].options = [](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<int8_t>(test::vt(0), 1, 0);   // VALID
        b.AddElement<int32_t>(test::vt(1), 1, 0);  // stride_w
        b.AddElement<int32_t>(test::vt(2), 1, 0);  // stride_h
        return b.EndTable(s);
    };
    runner r(tm);
    for (int i = 0; i < 4; ++i) r.in(0)[i] = float(i + 1);
    REQUIRE(r.it->invoke());
    CHECK(r.out()[0] == 10.0f);
}

TEST_CASE("an options tag outside the union is refused, not read") {
    test::tb_model tm = test::one_op(op_add, {{1}, {1}}, {1});
    tm.ops[0].options_type = 250;
    tm.ops[0].options = [](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<int32_t>(test::vt(0), 3, 0);
        return b.EndTable(s);
    };
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (ADD)"));
    CHECK(contains(e, "builtin_options has type unknown, expected AddOptions"));
}

TEST_CASE("int32 tensors where the op expects float or quantized types are refused") {
    const std::string e = test::allocate_error(test::build_model(test::one_op(op_logistic, {{2}}, {2}, t_int32)));
    CHECK(contains(e, "op 0 (LOGISTIC)"));
    CHECK(contains(e, "int32"));
}

TEST_CASE("a bool option stored as a byte other than 0 or 1 reads as true (FULLY_CONNECTED keep_num_dims = 2)") {
    // Regression (fuzz_invoke): the reader loaded such bytes into a bool object, which is undefined behaviour.
    test::tb_model tm;
    tm.opcodes = {{op_fully_connected, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<float>{1, 1, 1}));  // [1 unit, 3 inputs]
    tm.tensors = {test::tt({2, 1, 3}, t_float32, 0, "x"), test::tt({1, 3}, t_float32, 1, "w"),
                  test::tt({2, 1, 1}, t_float32, 0, "y")};
    tm.inputs = {0};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1, -1};
    op.outputs = {2};
    op.options_type = 8;  // FullyConnectedOptions
    op.options = [](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<uint8_t>(test::vt(2), 2, 0);  // keep_num_dims
        return b.EndTable(s);
    };
    tm.ops = {op};
    runner r(tm);
    CHECK(r.it->output(0).dims == shape{2, 1, 1});  // kept: [2,1,units], not [2,units]
    for (int i = 0; i < 6; ++i) r.in(0)[i] = float(i);
    REQUIRE(r.it->invoke());
    CHECK(r.out()[0] == 3.0f);
    CHECK(r.out()[1] == 12.0f);
}

TEST_CASE("PAD with int64 paddings near the type's limits is refused, without overflow") {
    constexpr int32_t op_pad = 34;
    constexpr int8_t t_int64 = 4;
    test::tb_model tm;
    tm.opcodes = {{op_pad, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<int64_t>{std::numeric_limits<int64_t>::max(),
                                                             std::numeric_limits<int64_t>::max()}));
    tm.tensors = {test::tt({2}, t_float32, 0, "x"), test::tt({1, 2}, t_int64, 1, "paddings"), test::tt({2}, t_float32, 0, "y")};
    tm.inputs = {0};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    tm.ops = {op};
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (PAD)"));
    CHECK(contains(e, "paddings for axis 0 are (9223372036854775807, 9223372036854775807)"));
}

TEST_CASE("an op output above the arena cap is refused at that op, before later ops compute with its shape") {
    // PAD [1] by (2^30, 2^30) gives 2^31 - 1 floats (8 GiB); the ADD after it never sees that shape.
    constexpr int32_t op_pad = 34;
    test::tb_model tm;
    tm.opcodes = {{op_pad, ""}, {op_add, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<int32_t>{1 << 30, (1 << 30) - 2}));
    tm.tensors = {test::tt({1}, t_float32, 0, "x"), test::tt({1, 2}, t_int32, 1, "paddings"),
                  test::tt({1}, t_float32, 0, "padded"), test::tt({1}, t_float32, 0, "y")};
    tm.inputs = {0};
    tm.outputs = {3};
    test::tb_op pad, add;
    pad.inputs = {0, 1};
    pad.outputs = {2};
    add.opcode_index = 1;
    add.inputs = {2, 2};
    add.outputs = {3};
    tm.ops = {pad, add};
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (PAD): output tensor 2 'padded' of shape [2147483647] needs more than the arena limit"));
}

TEST_CASE("a variable tensor written twice by one op is refused at load (the two outputs would alias)") {
    test::tb_model tm;
    tm.opcodes = {{op_add, ""}};
    tm.tensors = {test::tt({2}, t_float32, 0, "x"), test::tt({2}, t_float32, 0, "state")};
    tm.tensors[1].is_variable = true;
    tm.inputs = {0};
    tm.outputs = {1};
    test::tb_op op;
    op.inputs = {0, 0};
    op.outputs = {1, 1};
    tm.ops = {op};
    const std::string e = test::load_error(test::build_model(tm));
    CHECK(contains(e, "op 0 (ADD)"));
    CHECK(contains(e, "tensor 1 'state' is both output 0 and output 1"));
}

TEST_CASE("an op that would change the shape of a variable tensor read earlier is refused") {
    // op 0 reads `state` [4] (SOFTMAX prepared for 4 values); op 1 writes it as [1] + [1]. Planning `state` at
    // 4 bytes would let op 0 read 16.
    test::tb_model tm;
    tm.opcodes = {{op_softmax, ""}, {op_add, ""}};
    tm.tensors = {test::tt({1, 4}, t_float32, 0, "state"), test::tt({1, 4}, t_float32, 0, "probs"),
                  test::tt({1, 1}, t_float32, 0, "a"), test::tt({1, 1}, t_float32, 0, "b")};
    tm.tensors[0].is_variable = true;
    tm.inputs = {2, 3};
    tm.outputs = {1};
    test::tb_op softmax, add;
    softmax.inputs = {0};
    softmax.outputs = {1};
    add.opcode_index = 1;
    add.inputs = {2, 3};
    add.outputs = {0};
    tm.ops = {softmax, add};
    const std::string e = test::allocate_error(test::build_model(tm));
    CHECK(contains(e, "op 1 (ADD)"));
    CHECK(contains(e, "variable tensor 0 of shape [1,4], which the op would change to [1,1]"));
}

TEST_CASE("MEAN int8 whose rescale factor is 2^31 or more saturates instead of shifting past 31 bits") {
    // Regression (fuzz_invoke): s_in / s_out = 1e20 gave a left shift of 67. The true results (+-1e20 output
    // units) are far outside int8: they clamp to 127 and -128; a zero mean stays at the zero point.
    constexpr int32_t op_mean = 40;
    test::tb_model tm;
    tm.opcodes = {{op_mean, ""}};
    tm.buffers.push_back(test::bytes_of(std::vector<int32_t>{1}));
    tm.tensors = {test::tt({3, 2}, t_int8, 0, "x"), test::tt({1}, t_int32, 1, "axis"), test::tt({3}, t_int8, 0, "y")};
    test::quantize_tensor(tm.tensors[0], 1e10f, 0);
    test::quantize_tensor(tm.tensors[2], 1e-10f, 0);
    tm.inputs = {0};
    tm.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    tm.ops = {op};
    runner r(tm);
    int8_t* x = r.it->input(0).data_as<int8_t>();
    const int8_t values[6] = {1, 1, -1, -1, 0, 0};
    std::memcpy(x, values, 6);
    REQUIRE(r.it->invoke());
    const int8_t* y = r.it->output(0).data_as<int8_t>();
    CHECK(int(y[0]) == 127);
    CHECK(int(y[1]) == -128);
    CHECK(int(y[2]) == 0);
}
