// SQUEEZE: listed or all size-1 axes, through one-op models.
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
test::tb_model squeeze_model(std::vector<int32_t> in_dims, std::vector<int32_t> out_dims, std::vector<int32_t> axes) {
    test::tb_model m;
    m.opcodes = {{43, ""}};
    m.tensors = {test::tt(in_dims, 0, 0, "x"), test::tt(out_dims, 0, 0, "y")};
    m.inputs = {0};
    m.outputs = {1};
    test::tb_op op;
    op.inputs = {0};
    op.outputs = {1};
    op.options_type = 30;  // SqueezeOptions
    op.options = [axes](flatbuffers::FlatBufferBuilder& b) {
        const auto v = b.CreateVector(axes);
        const auto s = b.StartTable();
        b.AddOffset(test::vt(0), v);
        return b.EndTable(s);
    };
    m.ops = {op};
    return m;
}
}  // namespace

TEST_CASE("squeeze with no axes removes every size-1 axis") {
    single_op r(squeeze_model({1, 3, 1, 2}, {3, 2}, {}), {raw<float>({1, 2, 3, 4, 5, 6})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims == shape{3, 2});
    CHECK(r.out<float>(0) == std::vector<float>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("squeeze listed axes, negative allowed") {
    single_op r(squeeze_model({1, 3, 1, 2}, {1, 3, 2}, {-2}), {raw<float>({1, 2, 3, 4, 5, 6})});
    REQUIRE(r.s);
    CHECK(r.it->output(0).dims == shape{1, 3, 2});
}

TEST_CASE("squeeze rejects an axis whose size is not 1") {
    single_op r(squeeze_model({1, 3}, {1}, {1}), {raw<float>({1, 2, 3})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("must be 1") != std::string::npos);
}
