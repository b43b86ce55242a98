// PAD: constant paddings (int32 or int64), zero or the output zero point as the pad value.
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
test::tb_model pad_model(std::vector<int32_t> dims, int8_t type, std::vector<uint8_t> pads, int8_t pad_type,
                         std::vector<int32_t> out_dims, float scale = 0, int64_t zp = 0) {
    test::tb_model m;
    m.opcodes = {{34, ""}};
    m.buffers.push_back(std::move(pads));
    auto x = test::tt(dims, type, 0, "x"), y = test::tt(out_dims, type, 0, "y");
    if (scale > 0) x.scale = y.scale = {scale}, x.zero_point = y.zero_point = {zp};
    m.tensors = {x, test::tt({int32_t(dims.size()), 2}, pad_type, 1, "pads"), y};
    m.inputs = {0};
    m.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    m.ops = {op};
    return m;
}
}  // namespace

TEST_CASE("pad a [2,2] float tensor by (1,0) and (0,2)") {
    // Output [3,4]: a zero row on top, two zero columns on the right.
    single_op r(pad_model({2, 2}, 0, raw<int32_t>({1, 0, 0, 2}), 2, {3, 4}), {raw<float>({1, 2, 3, 4})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims == shape{3, 4});
    CHECK(r.out<float>(0) == std::vector<float>{0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0});
}

TEST_CASE("quantized pad uses the output zero point; int64 paddings") {
    single_op r(pad_model({1, 2}, 3, raw<int64_t>({0, 0, 2, 1}), 4, {1, 5}, 0.1f, 131), {raw<uint8_t>({7, 8})});
    REQUIRE(r.s);
    CHECK(r.out<uint8_t>(0) == std::vector<uint8_t>{131, 131, 7, 8, 131});
    single_op s(pad_model({3}, 9, raw<int32_t>({1, 1}), 2, {5}, 0.1f, -7), {raw<int8_t>({-1, 0, 1})});
    REQUIRE(s.s);
    CHECK(s.out<int8_t>(0) == std::vector<int8_t>{-7, -1, 0, 1, -7});
}

TEST_CASE("pad a rank-3 middle axis") {
    // [2,1,2] padded (0,0),(1,1),(0,0) -> [2,3,2].
    single_op r(pad_model({2, 1, 2}, 2, raw<int32_t>({0, 0, 1, 1, 0, 0}), 2, {2, 3, 2}), {raw<int32_t>({1, 2, 3, 4})});
    REQUIRE(r.s);
    CHECK(r.out<int32_t>(0) == std::vector<int32_t>{0, 0, 1, 2, 0, 0, 0, 0, 3, 4, 0, 0});
}

TEST_CASE("pad rejects negative paddings and a wrong paddings shape") {
    single_op r(pad_model({2}, 0, raw<int32_t>({-1, 0}), 2, {1}), {raw<float>({1, 2})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("non-negative") != std::string::npos);
    test::tb_model m = pad_model({2, 2}, 0, raw<int32_t>({0, 0}), 2, {2, 2});
    m.tensors[1].shape = {1, 2};
    single_op s(m, {raw<float>({1, 2, 3, 4})});
    REQUIRE_FALSE(s.s);
    CHECK(s.s.message().find("paddings (input 1) has shape [1,2]") != std::string::npos);
}
