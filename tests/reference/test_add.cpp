// ADD: broadcasting, float activation, and the quantized §7.6 recipe on hand-computed cases.
#include <doctest/doctest.h>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"

using namespace flatnn;

namespace {
// One ADD (no options: activation NONE) on int8/uint8 tensors with the given (scale, zero point) triple.
struct add_case {
    int8_t type;  // TensorType
    float s1, s2, so;
    int64_t z1, z2, zo;
};
std::vector<uint8_t> add_model(const add_case& c, std::vector<int32_t> d1, std::vector<int32_t> d2, std::vector<int32_t> dout) {
    test::tb_model m;
    m.opcodes = {{0, ""}};
    auto t0 = test::tt(d1, c.type, 0, "a"), t1 = test::tt(d2, c.type, 0, "b"), t2 = test::tt(dout, c.type, 0, "y");
    t0.scale = {c.s1}, t0.zero_point = {c.z1};
    t1.scale = {c.s2}, t1.zero_point = {c.z2};
    t2.scale = {c.so}, t2.zero_point = {c.zo};
    m.tensors = {t0, t1, t2};
    m.inputs = {0, 1};
    m.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    m.ops = {op};
    return test::build_model(m);
}
}  // namespace

TEST_CASE("broadcast plan aligns trailing dimensions") {
    shape out;
    reference::broadcast_params p;
    REQUIRE(reference::make_broadcast(shape{2, 1}, shape{3}, out, p));
    CHECK(out == shape{2, 3});
    const float a[2] = {1, 2}, b[3] = {10, 20, 30};
    float y[6];
    reference::add_float(p, -1e30f, 1e30f, a, b, y);
    const float want[6] = {11, 21, 31, 12, 22, 32};
    for (int i = 0; i < 6; ++i) CHECK(y[i] == want[i]);
    CHECK_FALSE(reference::make_broadcast(shape{2, 3}, shape{2}, out, p));
    REQUIRE(reference::make_broadcast(shape{1, 3, 1}, shape{2, 1, 1, 2}, out, p));
    CHECK(out == shape{2, 1, 3, 2});
}

TEST_CASE("float add clamps to the fused activation range") {
    shape out;
    reference::broadcast_params p;
    REQUIRE(reference::make_broadcast(shape{4}, shape{4}, out, p));
    const float a[4] = {-3, 1, 5, 2.5f}, b[4] = {1, 1, 2, 0.25f};
    float y[4];
    reference::add_float(p, 0.0f, 6.0f, a, b, y);  // RELU6
    CHECK(y[0] == 0.0f);
    CHECK(y[1] == 2.0f);
    CHECK(y[2] == 6.0f);
    CHECK(y[3] == 2.75f);
}

TEST_CASE("int8 add through prepare: §7.6 multipliers and rounding") {
    // s1 = s2 = 0.5, so = 1: real sums 1.5, -1.5, 4, -64 + 63.5 = -0.5. The final RDBPOT rounds half away
    // from zero: 2, -2, 4, -1.
    const auto bytes = add_model({9, 0.5f, 0.5f, 1.0f, 0, 0, 0}, {4}, {4}, {4});
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    REQUIRE(it.allocate());
    const int8_t a[4] = {3, -3, 3, -128}, b[4] = {0, 0, 5, 127};
    std::memcpy(it.input(0).data, a, 4);
    std::memcpy(it.input(1).data, b, 4);
    REQUIRE(it.invoke());
    const int8_t* y = it.output(0).data_as<int8_t>();
    CHECK(y[0] == 2);
    CHECK(y[1] == -2);
    CHECK(y[2] == 4);
    CHECK(y[3] == -1);
}

TEST_CASE("uint8 add with zero points and broadcasting") {
    // Inputs (0.5, 128), output (1, 128), b broadcast: (130-128)*0.5 + (126-128)*0.5 = 0 -> 128;
    // (140-128)*0.5 + (126-128)*0.5 = 5 -> 133.
    const auto bytes = add_model({3, 0.5f, 0.5f, 1.0f, 128, 128, 128}, {2, 1}, {1}, {2, 1});
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    REQUIRE(it.allocate());
    CHECK(it.output(0).dims == shape{2, 1});
    const uint8_t a[2] = {130, 140}, b[1] = {126};
    std::memcpy(it.input(0).data, a, 2);
    std::memcpy(it.input(1).data, b, 1);
    REQUIRE(it.invoke());
    CHECK(it.output(0).data_as<uint8_t>()[0] == 128);
    CHECK(it.output(0).data_as<uint8_t>()[1] == 133);
}

TEST_CASE("add rejects shapes that do not broadcast") {
    const auto bytes = add_model({9, 0.5f, 0.5f, 1.0f, 0, 0, 0}, {2, 3}, {2}, {2, 3});
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    const status s = it.allocate();
    REQUIRE_FALSE(s);
    CHECK(s.message().find("do not broadcast") != std::string::npos);
}
