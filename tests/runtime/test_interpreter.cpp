// Interpreter: memory plan, caller arena, no allocation in invoke, input resize, lookup by name and signature.
#include <doctest/doctest.h>

#include <cstring>
#include <memory>
#include <thread>

#include "flatnn/flatnn.hpp"
#include "support/alloc_counter.hpp"
#include "support/model_builder.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

// t3 = a + b; out = t3 + a (float32). A second op makes the plan reuse memory.
test::tb_model chain_model(std::vector<int32_t> dims = {1, 2, 2, 3}) {
    test::tb_model m;
    m.opcodes = {{0, ""}};
    m.tensors = {test::tt(dims, 0, 0, "a"), test::tt(dims, 0, 0, "b"), test::tt(dims, 0, 0, "t3"), test::tt(dims, 0, 0, "out")};
    m.inputs = {0, 1};
    m.outputs = {3};
    test::tb_op op1, op2;
    op1.inputs = {0, 1};
    op1.outputs = {2};
    op2.inputs = {2, 0};
    op2.outputs = {3};
    m.ops = {op1, op2};
    m.signatures = {{"serving_default", 0, {{"x", 0}, {"y", 1}}, {{"sum", 3}}}};
    return m;
}

void fill(tensor& t, float base) {
    for (int64_t i = 0; i < t.num_elements(); ++i) t.data_as<float>()[i] = base + float(i);
}

}  // namespace

TEST_CASE("plan, allocate and invoke a two-op graph") {
    const auto bytes = test::build_model(chain_model());
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    auto planned = it.plan();
    REQUIRE_MESSAGE(planned, planned.error().message());
    // 4 tensors of 48 bytes, each rounded to 64. b is last read by op 0, but graph inputs are never
    // overwritten (as in TFLite), so out cannot take b's slot: 4 slots.
    CHECK(*planned == 4 * 64);
    REQUIRE(it.allocate());
    fill(it.input(0), 1.0f);
    fill(it.input(1), 100.0f);
    REQUIRE(it.invoke());
    for (int i = 0; i < 12; ++i) CHECK(it.output(0).data_as<float>()[i] == (1.0f + i) * 2 + 100.0f + i);
}

TEST_CASE("invoke leaves the inputs as the caller wrote them") {
    // t3 = a + b; t4 = t3 + t3; out = t4 + t4: b dies after op 0 and t4 is written after it, so a plan that
    // reused input slots would give t4 b's bytes.
    test::tb_model m;
    const std::vector<int32_t> dims = {1, 2, 2, 3};
    m.opcodes = {{0, ""}};
    m.tensors = {test::tt(dims, 0, 0, "a"), test::tt(dims, 0, 0, "b"), test::tt(dims, 0, 0, "t3"),
                 test::tt(dims, 0, 0, "t4"), test::tt(dims, 0, 0, "out")};
    m.inputs = {0, 1};
    m.outputs = {4};
    test::tb_op op1, op2, op3;
    op1.inputs = {0, 1};
    op1.outputs = {2};
    op2.inputs = {2, 2};
    op2.outputs = {3};
    op3.inputs = {3, 3};
    op3.outputs = {4};
    m.ops = {op1, op2, op3};
    const auto bytes = test::build_model(m);
    auto model = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(model);
    interpreter it(*model);
    REQUIRE(it.allocate());
    fill(it.input(0), 1.0f);
    fill(it.input(1), 100.0f);
    for (int run = 0; run < 3; ++run) {  // invoked again without refilling: same inputs, same outputs
        REQUIRE(it.invoke());
        for (int i = 0; i < 12; ++i) {
            CHECK(it.input(0).data_as<float>()[i] == 1.0f + float(i));
            CHECK(it.input(1).data_as<float>()[i] == 100.0f + float(i));
            CHECK(it.output(0).data_as<float>()[i] == 4.0f * (101.0f + 2.0f * float(i)));
        }
    }
}

TEST_CASE("caller-supplied arena") {
    const auto bytes = test::build_model(chain_model());
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    auto need = it.plan();
    REQUIRE(need);
    alignas(64) static uint8_t arena[4096];
    CHECK_FALSE(it.allocate(arena, *need - 1));
    REQUIRE(it.allocate(arena, sizeof arena));
    CHECK(it.input(0).data >= arena);
    CHECK(it.output(0).data + it.output(0).bytes <= arena + sizeof arena);
    fill(it.input(0), 0.0f);
    fill(it.input(1), 0.0f);
    REQUIRE(it.invoke());
    CHECK(it.output(0).data_as<float>()[5] == 15.0f);  // (5 + 5) + 5
}

TEST_CASE("invoke performs no heap allocation") {
    const auto bytes = test::build_model(chain_model());
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    REQUIRE(it.allocate());
    fill(it.input(0), 1.0f);
    fill(it.input(1), 2.0f);
    REQUIRE(it.invoke());
    const long before = test::allocations();
    for (int i = 0; i < 10; ++i) (void)it.invoke();
    CHECK(test::allocations() == before);
}

TEST_CASE("inputs resized then re-allocated") {
    auto spec = chain_model();
    for (auto& t : spec.tensors) t.shape_signature = {1, -1, -1, 3};
    const auto bytes = test::build_model(spec);
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    REQUIRE(it.allocate());
    REQUIRE(it.resize_input(0, shape{1, 4, 5, 3}));
    REQUIRE(it.resize_input(1, shape{1, 4, 5, 3}));
    CHECK_FALSE(it.invoke());  // must re-allocate first
    REQUIRE(it.allocate());
    CHECK(it.output(0).dims == shape{1, 4, 5, 3});
    fill(it.input(0), 0.0f);
    fill(it.input(1), 0.0f);
    REQUIRE(it.invoke());
    CHECK(it.output(0).data_as<float>()[59] == 59.0f * 3);
    CHECK_FALSE(it.resize_input(0, shape{2, 4, 5, 3}));  // dimension 0 is static
}

TEST_CASE("tensors by name and signature entry points by key") {
    const auto bytes = test::build_model(chain_model());
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    REQUIRE(m->signatures().size() == 1);
    interpreter_options o;
    o.signature = "serving_default";
    interpreter it(*m, o);
    REQUIRE(it.allocate());
    REQUIRE(it.find_input("y") == &it.input(1));
    REQUIRE(it.find_output("sum") == &it.output(0));
    CHECK(it.find_tensor("t3") == &it.tensor_at(2));
    CHECK(it.find_tensor("nope") == nullptr);
    interpreter_options bad;
    bad.signature = "missing";
    interpreter it2(*m, bad);
    auto s = it2.allocate();
    REQUIRE_FALSE(s);
    CHECK(s.message().find("no signature 'missing'") != std::string::npos);
}

TEST_CASE("one model shared by interpreters in several threads") {
    const auto bytes = test::build_model(chain_model());
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    bool ok[4] = {};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            interpreter it(*m);
            if (!it.allocate()) return;
            bool good = true;
            for (int r = 0; r < 50; ++r) {
                fill(it.input(0), float(t));
                fill(it.input(1), float(r));
                good = good && it.invoke();
                good = good && it.output(0).data_as<float>()[1] == (float(t) + 1) * 2 + float(r) + 1;
            }
            ok[t] = good;
        });
    for (auto& th : threads) th.join();
    for (bool b : ok) CHECK(b);
}

TEST_CASE("an unregistered custom op fails in prepare and names the op") {
    test::tb_model spec;
    spec.opcodes = {{32, "MyFancyOp"}};
    spec.tensors = {test::tt({1, 3}, 0, 0, "in"), test::tt({1, 3}, 0, 0, "out")};
    spec.inputs = {0};
    spec.outputs = {1};
    test::tb_op op;
    op.inputs = {0};
    op.outputs = {1};
    spec.ops = {op};
    const auto bytes = test::build_model(spec);
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    auto s = it.allocate();
    REQUIRE_FALSE(s);
    CHECK(s.message().find("custom op 'MyFancyOp' is not registered") != std::string::npos);

    // Registered by the user, it runs.
    op_resolver r = make_builtin_op_resolver();
    r.add_custom("MyFancyOp", [](node& n) -> status {
        n.out(0).dims = n.in(0).dims;
        n.invoke = [](node& nn) -> status {
            for (int i = 0; i < 3; ++i) nn.out(0).data_as<float>()[i] = 2.0f * nn.in(0).data_as<float>()[i];
            return status::ok();
        };
        return status::ok();
    });
    interpreter_options o;
    o.resolver = &r;
    interpreter it2(*m, o);
    REQUIRE(it2.allocate());
    fill(it2.input(0), 1.0f);
    REQUIRE(it2.invoke());
    CHECK(it2.output(0).data_as<float>()[2] == 6.0f);
}

TEST_CASE("invalid_models/model_invoking_error.tflite gives a clear error") {
    if (!test::have_shared()) return;
    auto m = model::from_file(test::coral_dir() + "/invalid_models/model_invoking_error.tflite");
    REQUIRE_MESSAGE(m, m.error().message());
    interpreter it(*m);
    auto s = it.allocate();
    REQUIRE_FALSE(s);
    CHECK(s.message().find("'fake-op-double'") != std::string::npos);
}
