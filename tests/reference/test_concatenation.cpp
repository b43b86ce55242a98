// CONCATENATION: byte copies along an axis (negative allowed) and the legacy uint8 rescale, run through a
// one-op model.
#include <doctest/doctest.h>

#include <cstring>
#include <memory>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"
#include "support/single_op.hpp"

using namespace flatnn;

using test::single_op;
using test::raw;

namespace {
test::tb_op concat_op(std::vector<int32_t> in, int32_t out, int32_t axis) {
    test::tb_op op;
    op.inputs = std::move(in);
    op.outputs = {out};
    op.options_type = 10;  // ConcatenationOptions
    op.options = [axis](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<int32_t>(test::vt(0), axis, 0);
        return b.EndTable(s);
    };
    return op;
}
}  // namespace

TEST_CASE("int32 concatenation along the last axis, given as -1") {
    test::tb_model m;
    m.opcodes = {{2, ""}};
    m.tensors = {test::tt({2, 1}, 2, 0, "a"), test::tt({2, 2}, 2, 0, "b"), test::tt({2, 3}, 2, 0, "y")};
    m.inputs = {0, 1};
    m.outputs = {2};
    m.ops = {concat_op({0, 1}, 2, -1)};
    single_op r(m, {raw<int32_t>({1, 2}), raw<int32_t>({10, 11, 20, 21})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims == shape{2, 3});
    CHECK(r.out<int32_t>(0) == std::vector<int32_t>{1, 10, 11, 2, 20, 21});
}

TEST_CASE("uint8 concatenation rescales inputs whose quantization differs") {
    // Input 0 (0.5, 10) into output (0.25, 3): q -> round(2q - 20) + 3, so 10 -> 3, 11 -> 5, 0 -> clamp 0,
    // 255 -> clamp 255. Input 1 already has the output's parameters and is copied.
    test::tb_model m;
    m.opcodes = {{2, ""}};
    auto a = test::tt({4}, 3, 0, "a"), b = test::tt({2}, 3, 0, "b"), y = test::tt({6}, 3, 0, "y");
    a.scale = {0.5f}, a.zero_point = {10};
    b.scale = {0.25f}, b.zero_point = {3};
    y.scale = {0.25f}, y.zero_point = {3};
    m.tensors = {a, b, y};
    m.inputs = {0, 1};
    m.outputs = {2};
    m.ops = {concat_op({0, 1}, 2, 0)};
    single_op r(m, {raw<uint8_t>({10, 11, 0, 255}), raw<uint8_t>({7, 200})});
    REQUIRE(r.s);
    CHECK(r.out<uint8_t>(0) == std::vector<uint8_t>{3, 5, 0, 255, 7, 200});
}

TEST_CASE("int8 concatenation needs the output's quantization on every input") {
    test::tb_model m;
    m.opcodes = {{2, ""}};
    auto a = test::tt({2}, 9, 0, "a"), b = test::tt({2}, 9, 0, "b"), y = test::tt({4}, 9, 0, "y");
    a.scale = {0.5f}, a.zero_point = {0};
    b.scale = {0.25f}, b.zero_point = {0};
    y.scale = {0.25f}, y.zero_point = {0};
    m.tensors = {a, b, y};
    m.inputs = {0, 1};
    m.outputs = {2};
    m.ops = {concat_op({0, 1}, 2, 0)};
    single_op r(m, {raw<int8_t>({1, 2}), raw<int8_t>({3, 4})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("input 0 quantization") != std::string::npos);
}

TEST_CASE("concatenation rejects mismatched dimensions outside the axis") {
    test::tb_model m;
    m.opcodes = {{2, ""}};
    m.tensors = {test::tt({2, 2}, 0, 0, "a"), test::tt({3, 2}, 0, 0, "b"), test::tt({2, 4}, 0, 0, "y")};
    m.inputs = {0, 1};
    m.outputs = {2};
    m.ops = {concat_op({0, 1}, 2, 1)};
    single_op r(m, {raw<float>({0, 0, 0, 0}), raw<float>({0, 0, 0, 0, 0, 0})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("outside axis 1") != std::string::npos);
}
