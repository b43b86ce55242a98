// SQUEEZE: listed or all size-1 axes, through one-op models.
#include <doctest/doctest.h>

#include <cstring>
#include <memory>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"

using namespace flatnn;

namespace {
// Builds a one-op model, allocates it and (if that worked) runs it on the given input bytes.
struct single_op {
    std::vector<uint8_t> bytes;
    result<model> m = status::error("not built");
    std::unique_ptr<interpreter> it;
    status s;
    single_op(const test::tb_model& spec, const std::vector<std::vector<uint8_t>>& inputs) {
        bytes = test::build_model(spec);
        m = model::from_memory(bytes.data(), bytes.size());
        if (!m) {
            s = m.error();
            return;
        }
        it = std::make_unique<interpreter>(*m);
        s = it->allocate();
        if (!s) return;
        for (size_t i = 0; i < inputs.size(); ++i) std::memcpy(it->input(i).data, inputs[i].data(), inputs[i].size());
        s = it->invoke();
    }
    template <class T>
    std::vector<T> out(size_t i) const {
        const tensor& t = it->output(i);
        return std::vector<T>(t.data_as<T>(), t.data_as<T>() + t.num_elements());
    }
};
template <class T>
std::vector<uint8_t> raw(std::vector<T> v) { return test::bytes_of(v); }
}  // namespace

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
