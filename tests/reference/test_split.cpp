// SPLIT: equal blocks along a constant axis (negative allowed), through a one-op model.
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
