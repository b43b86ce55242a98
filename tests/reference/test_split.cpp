// SPLIT: equal blocks along a constant axis (negative allowed), through a one-op model.
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
test::tb_model split_model(std::vector<int32_t> dims, int32_t axis, int32_t num, std::vector<std::vector<int32_t>> outs) {
    test::tb_model m;
    m.opcodes = {{49, ""}};
    m.buffers.push_back(test::bytes_of(std::vector<int32_t>{axis}));
    m.tensors = {test::tt({}, 2, 1, "axis"), test::tt(dims, 0, 0, "x")};
    test::tb_op op;
    op.inputs = {0, 1};
    for (auto& o : outs) {
        op.outputs.push_back(int32_t(m.tensors.size()));
        m.outputs.push_back(int32_t(m.tensors.size()));
        m.tensors.push_back(test::tt(o, 0, 0, "y"));
    }
    m.inputs = {1};
    op.options_type = 35;  // SplitOptions
    op.options = [num](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<int32_t>(test::vt(0), num, 0);
        return b.EndTable(s);
    };
    m.ops = {op};
    return m;
}
}  // namespace

TEST_CASE("split a [2,4] tensor in two along axis -1") {
    single_op r(split_model({2, 4}, -1, 2, {{2, 2}, {2, 2}}), {raw<float>({0, 1, 2, 3, 4, 5, 6, 7})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims == shape{2, 2});
    CHECK(r.out<float>(0) == std::vector<float>{0, 1, 4, 5});
    CHECK(r.out<float>(1) == std::vector<float>{2, 3, 6, 7});
}

TEST_CASE("split along the first axis into three") {
    single_op r(split_model({3, 2}, 0, 3, {{1, 2}, {1, 2}, {1, 2}}), {raw<float>({0, 1, 2, 3, 4, 5})});
    REQUIRE(r.s);
    CHECK(r.out<float>(0) == std::vector<float>{0, 1});
    CHECK(r.out<float>(1) == std::vector<float>{2, 3});
    CHECK(r.out<float>(2) == std::vector<float>{4, 5});
}

TEST_CASE("split rejects an uneven split") {
    single_op r(split_model({2, 3}, 1, 2, {{2, 1}, {2, 1}}), {raw<float>({0, 1, 2, 3, 4, 5})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("not divisible") != std::string::npos);
}
