// ARG_MAX: lowest index on ties, int32/int64 outputs, constant axis, through one-op models.
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
test::tb_model arg_max_model(std::vector<int32_t> dims, int8_t type, int32_t axis, std::vector<int32_t> out_dims,
                             int8_t out_type) {
    test::tb_model m;
    m.opcodes = {{56, ""}};
    m.buffers.push_back(test::bytes_of(std::vector<int32_t>{axis}));
    m.tensors = {test::tt(dims, type, 0, "x"), test::tt({1}, 2, 1, "axis"), test::tt(out_dims, out_type, 0, "y")};
    m.inputs = {0};
    m.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    m.ops = {op};
    return m;
}
}  // namespace

TEST_CASE("arg_max over the last axis keeps the first of equal maxima") {
    single_op r(arg_max_model({2, 4}, 0, -1, {2}, 2), {raw<float>({1, 7, 7, 3, -2, -1, -5, -1})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims == shape{2});
    CHECK(r.out<int32_t>(0) == std::vector<int32_t>{1, 1});
}

TEST_CASE("arg_max over a middle axis of uint8 into int64") {
    // [2,3,2]: out[a][c] = argmax_b in[a][b][c].
    single_op r(arg_max_model({2, 3, 2}, 3, 1, {2, 2}, 4), {raw<uint8_t>({1, 9, 5, 9, 3, 0, 200, 0, 200, 1, 255, 0})});
    REQUIRE(r.s);
    CHECK(r.out<int64_t>(0) == std::vector<int64_t>{1, 0, 2, 1});
}

TEST_CASE("arg_max compares int8 as signed values") {
    single_op r(arg_max_model({3}, 9, 0, {}, 2), {raw<int8_t>({-128, 127, -1})});
    REQUIRE(r.s);
    CHECK(r.out<int32_t>(0) == std::vector<int32_t>{1});
}

TEST_CASE("arg_max rejects an out-of-range axis and a float output") {
    single_op r(arg_max_model({2, 2}, 0, 2, {2}, 2), {raw<float>({1, 2, 3, 4})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("outside") != std::string::npos);
    single_op s(arg_max_model({2, 2}, 0, 1, {2}, 0), {raw<float>({1, 2, 3, 4})});
    REQUIRE_FALSE(s.s);
    CHECK(s.s.message().find("expected int32 or int64") != std::string::npos);
}
