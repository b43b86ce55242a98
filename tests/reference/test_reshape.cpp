// RESHAPE (shape tensor, new_shape option, -1, scalar) and SQUEEZE, through one-op models.
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
test::tb_op vector_option_op(int32_t out, std::vector<int32_t> in, uint8_t options_type, std::vector<int32_t> values) {
    test::tb_op op;
    op.inputs = std::move(in);
    op.outputs = {out};
    op.options_type = options_type;
    op.options = [values](flatbuffers::FlatBufferBuilder& b) {
        const auto v = b.CreateVector(values);
        const auto s = b.StartTable();
        b.AddOffset(test::vt(0), v);
        return b.EndTable(s);
    };
    return op;
}
test::tb_model one_op(std::vector<int32_t> in_dims, std::vector<int32_t> out_dims, test::tb_op op) {
    test::tb_model m;
    m.opcodes = {{22, ""}};
    m.tensors = {test::tt(in_dims, 0, 0, "x"), test::tt(out_dims, 0, 0, "y")};
    m.inputs = {0};
    m.outputs = {1};
    m.ops = {std::move(op)};
    return m;
}
}  // namespace

TEST_CASE("reshape from a constant shape tensor with -1") {
    test::tb_model m = one_op({2, 3, 2}, {3, 4}, test::tb_op{});
    m.buffers.push_back(test::bytes_of(std::vector<int32_t>{-1, 4}));
    m.tensors.push_back(test::tt({2}, 2, 1, "shape"));
    m.ops[0].inputs = {0, 2};
    m.ops[0].outputs = {1};
    single_op r(m, {raw<float>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims == shape{3, 4});
    CHECK(r.out<float>(0)[11] == 11.0f);
}

TEST_CASE("reshape from new_shape; [0] means a scalar") {
    single_op r(one_op({1, 1}, {}, vector_option_op(1, {0}, 17, {0})), {raw<float>({42})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims.rank() == 0);
    CHECK(r.out<float>(0) == std::vector<float>{42});
    single_op s(one_op({2, 3}, {6}, vector_option_op(1, {0}, 17, {-1})), {raw<float>({1, 2, 3, 4, 5, 6})});
    REQUIRE(s.s);
    CHECK(s.it->output(0).dims == shape{6});
}

TEST_CASE("reshape with a non-constant shape falls back to the model's output shape") {
    test::tb_model m = one_op({2, 3}, {3, 2}, test::tb_op{});
    m.tensors.push_back(test::tt({2}, 2, 0, "shape"));
    m.inputs = {0, 2};
    m.ops[0].inputs = {0, 2};
    m.ops[0].outputs = {1};
    single_op r(m, {raw<float>({1, 2, 3, 4, 5, 6}), raw<int32_t>({3, 2})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims == shape{3, 2});
    CHECK(r.out<float>(0) == std::vector<float>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("reshape with a non-constant shape checks the computed values against the planned shape at invoke") {
    test::tb_model m = one_op({2, 3}, {3, 2}, test::tb_op{});
    m.tensors.push_back(test::tt({2}, 2, 0, "shape"));
    m.inputs = {0, 2};
    m.ops[0].inputs = {0, 2};
    m.ops[0].outputs = {1};
    const auto x = raw<float>({1, 2, 3, 4, 5, 6});
    {  // -1 resolved at invoke from the input's 6 elements: the plan
        single_op r(m, {x, raw<int32_t>({-1, 2})});
        REQUIRE_MESSAGE(r.s, r.s.message());
        CHECK(r.out<float>(0) == std::vector<float>{1, 2, 3, 4, 5, 6});
    }
    {  // the same elements in another shape: TFLite would resize the output, flatnn refuses rather than mislabel it
        single_op r(m, {x, raw<int32_t>({2, 3})});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("gives [2,3], but the output was planned as [3,2]") != std::string::npos);
    }
    {  // values that do not hold the input's elements
        single_op r(m, {x, raw<int32_t>({4, 2})});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("has 6 elements") != std::string::npos);
    }
}

TEST_CASE("reshape rejects an element count mismatch and two -1") {
    single_op r(one_op({2, 3}, {4}, vector_option_op(1, {0}, 17, {4})), {raw<float>({1, 2, 3, 4, 5, 6})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("has 6 elements") != std::string::npos);
    single_op s(one_op({2, 3}, {6}, vector_option_op(1, {0}, 17, {-1, -1})), {raw<float>({1, 2, 3, 4, 5, 6})});
    REQUIRE_FALSE(s.s);
    CHECK(s.s.message().find("more than one -1") != std::string::npos);
}
