// WHILE / IF / CALL_ONCE and resource variables on hand-built multi-subgraph models: results computed here,
// hostile call graphs (bad index, recursion, endless loop, mismatched arities) refused with clear errors, and
// invoke allocation-free. The converter-made models are in tests/data/ops (while_loop_*, if_*, *_accumulate).
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "flatnn/flatnn.hpp"
#include "support/alloc_counter.hpp"
#include "support/model_builder.hpp"

using namespace flatnn;

namespace {

enum : int32_t { ADD = 0, LESS = 58, IF = 118, WHILE = 119, CALL_ONCE = 129, VAR_HANDLE = 142, READ_VARIABLE = 143,
                 ASSIGN_VARIABLE = 144 };
enum : int8_t { F32 = 0, BOOL = 6, RESOURCE = 13 };
constexpr uint8_t if_options = 92, while_options = 93, call_once_options = 103;

std::vector<uint8_t> floats(std::vector<float> v) { return test::bytes_of(v); }

test::tb_op mk_op(uint32_t code_index, std::vector<int32_t> in, std::vector<int32_t> out) {
    test::tb_op o;
    o.opcode_index = code_index;
    o.inputs = std::move(in);
    o.outputs = std::move(out);
    return o;
}

// Options table with two int32 fields (WhileOptions, IfOptions) or one (CallOnceOptions).
test::tb_op with_indices(test::tb_op o, uint8_t tag, int32_t a, int32_t b = -1) {
    o.options_type = tag;
    o.options = [a, b](flatbuffers::FlatBufferBuilder& fbb) {
        const auto start = fbb.StartTable();
        fbb.AddElement<int32_t>(test::vt(0), a, -12345);
        if (b >= 0) fbb.AddElement<int32_t>(test::vt(1), b, -12345);
        return fbb.EndTable(start);
    };
    return o;
}

// Subgraph 0: (i, x) -> WHILE -> (i', x'). Subgraph 1 (cond): i < limit. Subgraph 2 (body): (i + 1, x + x).
// Opcode order: ADD, LESS, WHILE.
test::tb_model while_model(float limit, int32_t cond = 1, int32_t body = 2) {
    test::tb_model m;
    m.opcodes = {{ADD, ""}, {LESS, ""}, {WHILE, ""}};
    m.buffers.push_back(floats({limit}));
    m.buffers.push_back(floats({1.0f}));
    m.tensors = {test::tt({1}, F32, 0, "i"), test::tt({2}, F32, 0, "x"), test::tt({1}, F32, 0, "i_out"),
                 test::tt({2}, F32, 0, "x_out")};
    m.inputs = {0, 1};
    m.outputs = {2, 3};
    m.ops = {with_indices(mk_op(2, {0, 1}, {2, 3}), while_options, cond, body)};
    test::tb_subgraph c;
    c.tensors = {test::tt({1}, F32, 0, "i"), test::tt({2}, F32, 0, "x"), test::tt({1}, F32, 1, "limit"),
                 test::tt({1}, BOOL, 0, "go")};
    c.inputs = {0, 1};
    c.outputs = {3};
    c.ops = {mk_op(1, {0, 2}, {3})};
    test::tb_subgraph b;
    b.tensors = {test::tt({1}, F32, 0, "i"), test::tt({2}, F32, 0, "x"), test::tt({1}, F32, 2, "one"),
                 test::tt({1}, F32, 0, "i1"), test::tt({2}, F32, 0, "x2")};
    b.inputs = {0, 1};
    b.outputs = {3, 4};
    b.ops = {mk_op(0, {0, 2}, {3}), mk_op(0, {1, 1}, {4})};
    m.subgraphs = {c, b};
    return m;
}

struct loaded {
    std::vector<uint8_t> bytes;
    result<model> m;
    explicit loaded(const test::tb_model& spec)
        : bytes(test::build_model(spec)), m(model::from_memory(bytes.data(), bytes.size())) {}
};

std::string allocate_error(const test::tb_model& spec, interpreter_options o = {}) {
    loaded l(spec);
    REQUIRE_MESSAGE(l.m, l.m.error().message());
    interpreter it(*l.m, std::move(o));
    const status s = it.allocate();
    return s ? std::string("(allocated)") : s.message();
}

}  // namespace

TEST_CASE("WHILE loops its body until the condition fails, without allocating in invoke") {
    loaded l(while_model(5.0f));
    REQUIRE_MESSAGE(l.m, l.m.error().message());
    interpreter it(*l.m);
    const status s = it.allocate();
    REQUIRE_MESSAGE(s, s.message());
    for (int run = 0; run < 2; ++run) {
        it.input(0).data_as<float>()[0] = 0.0f;
        it.input(1).data_as<float>()[0] = 1.0f;
        it.input(1).data_as<float>()[1] = -3.0f;
        const long before = test::allocations();
        REQUIRE(it.invoke());
        CHECK(test::allocations() == before);
        CHECK(it.output(0).data_as<float>()[0] == 5.0f);   // 5 iterations
        CHECK(it.output(1).data_as<float>()[0] == 32.0f);  // 1 * 2^5
        CHECK(it.output(1).data_as<float>()[1] == -96.0f);
    }
    CHECK(it.callee_instances() == 2);
    CHECK(it.callee_arena_bytes() == 3 * 64 + 4 * 64);  // condition: i, x, go; body: i, x, i1, x2 (live to the end)
    // The condition false at once: outputs are the inputs.
    it.input(0).data_as<float>()[0] = 7.0f;
    REQUIRE(it.invoke());
    CHECK(it.output(0).data_as<float>()[0] == 7.0f);
    CHECK(it.output(1).data_as<float>()[0] == 1.0f);
}

TEST_CASE("WHILE that never ends stops at max_while_iterations") {
    interpreter_options o;
    o.max_while_iterations = 100;
    loaded l(while_model(1e30f));
    REQUIRE(l.m);
    interpreter it(*l.m, o);
    REQUIRE(it.allocate());
    it.input(0).data_as<float>()[0] = 0.0f;
    it.output(0).data_as<float>()[0] = -1.0f;
    const status s = it.invoke();
    REQUIRE_FALSE(s);
    CHECK(s.message().find("WHILE") != std::string::npos);
    CHECK(s.message().find("max_while_iterations") != std::string::npos);
    CHECK(it.output(0).data_as<float>()[0] == -1.0f);  // untouched: the loop did not finish
}

TEST_CASE("control flow refuses bad subgraph indices and recursion") {
    CHECK(allocate_error(while_model(5.0f, 1, 7)).find("subgraph index 7 is out of range") != std::string::npos);
    CHECK(allocate_error(while_model(5.0f, -1, 2)).find("subgraph index -1 is out of range") != std::string::npos);
    // The entry graph as its own condition: direct recursion.
    CHECK(allocate_error(while_model(5.0f, 0, 2)).find("recursion") != std::string::npos);
    // The body calls the entry graph through a WHILE of its own: indirect recursion.
    auto spec = while_model(5.0f);
    auto& body = spec.subgraphs[1];
    body.tensors.push_back(test::tt({1}, F32, 0, "i2"));
    body.tensors.push_back(test::tt({2}, F32, 0, "x3"));
    body.ops.push_back(with_indices(mk_op(2, {3, 4}, {5, 6}), while_options, 1, 0));
    body.outputs = {5, 6};
    const std::string e = allocate_error(spec);
    CHECK(e.find("recursion") != std::string::npos);
    CHECK(e.find("subgraph 2 op 2 (WHILE)") != std::string::npos);
}

TEST_CASE("WHILE callees take the caller's shapes: a resized dynamic input reaches the loop body") {
    auto spec = while_model(3.0f);
    spec.tensors[1].shape_signature = {-1};
    loaded l(spec);
    REQUIRE(l.m);
    interpreter it(*l.m);
    REQUIRE(it.resize_input(1, shape{4}));
    const status s = it.allocate();
    REQUIRE_MESSAGE(s, s.message());
    REQUIRE(it.output(1).dims == shape{4});
    it.input(0).data_as<float>()[0] = 0.0f;
    for (int k = 0; k < 4; ++k) it.input(1).data_as<float>()[k] = float(k) - 1.5f;
    REQUIRE(it.invoke());
    for (int k = 0; k < 4; ++k) CHECK(it.output(1).data_as<float>()[k] == (float(k) - 1.5f) * 8.0f);
}

TEST_CASE("subgraph instances and their arenas are bounded") {
    interpreter_options o;
    o.max_subgraph_instances = 1;  // WHILE needs two (condition and body)
    CHECK(allocate_error(while_model(5.0f), o).find("max_subgraph_instances") != std::string::npos);
    o = {};
    o.max_arena_bytes = 300;  // each arena fits (<= 256 bytes), the condition's and the body's together do not
    const std::string e = allocate_error(while_model(5.0f), o);
    CAPTURE(e);
    CHECK(e.find("the arenas of the called subgraphs need more than the limit of 300 bytes") != std::string::npos);
}

TEST_CASE("WHILE refuses a body that changes the loop state's shape or arity") {
    auto spec = while_model(5.0f);
    spec.subgraphs[1].outputs = {3};  // body gives one value for a two-value state
    CHECK(allocate_error(spec).find("body subgraph 2 has 1 outputs") != std::string::npos);
    spec = while_model(5.0f);
    spec.subgraphs[0].outputs = {2};  // condition gives a float, not a bool
    CHECK(allocate_error(spec).find("not one bool") != std::string::npos);
}

// Subgraph 0: IF(c, x) -> y. Subgraph 1 (then): x + x. Subgraph 2 (else): x + 10.
test::tb_model if_model(int32_t then_inputs = 1) {
    test::tb_model m;
    m.opcodes = {{ADD, ""}, {IF, ""}};
    m.buffers.push_back(floats({10.0f, 10.0f}));
    m.tensors = {test::tt({1}, BOOL, 0, "c"), test::tt({2}, F32, 0, "x"), test::tt({2}, F32, 0, "y")};
    m.inputs = {0, 1};
    m.outputs = {2};
    m.ops = {with_indices(mk_op(1, {0, 1}, {2}), if_options, 1, 2)};
    test::tb_subgraph t;
    t.tensors = {test::tt({2}, F32, 0, "x"), test::tt({2}, F32, 0, "y"), test::tt({2}, F32, 0, "unused")};
    t.inputs = then_inputs == 1 ? std::vector<int32_t>{0} : std::vector<int32_t>{0, 2};
    t.outputs = {1};
    t.ops = {mk_op(0, {0, 0}, {1})};
    test::tb_subgraph e;
    e.tensors = {test::tt({2}, F32, 0, "x"), test::tt({2}, F32, 1, "ten"), test::tt({2}, F32, 0, "y")};
    e.inputs = {0};
    e.outputs = {2};
    e.ops = {mk_op(0, {0, 1}, {2})};
    m.subgraphs = {t, e};
    return m;
}

TEST_CASE("IF runs the branch its condition picks") {
    loaded l(if_model());
    REQUIRE_MESSAGE(l.m, l.m.error().message());
    interpreter it(*l.m);
    const status s = it.allocate();
    REQUIRE_MESSAGE(s, s.message());
    it.input(1).data_as<float>()[0] = 1.5f;
    it.input(1).data_as<float>()[1] = -2.0f;
    *it.input(0).data_as<bool>() = true;
    const long before = test::allocations();
    REQUIRE(it.invoke());
    CHECK(test::allocations() == before);
    CHECK(it.output(0).data_as<float>()[0] == 3.0f);
    CHECK(it.output(0).data_as<float>()[1] == -4.0f);
    *it.input(0).data_as<bool>() = false;
    REQUIRE(it.invoke());
    CHECK(it.output(0).data_as<float>()[0] == 11.5f);
    CHECK(it.output(0).data_as<float>()[1] == 8.0f);
    it.input(0).data[0] = 2;  // any nonzero byte is true (read as a byte, never as an invalid bool)
    REQUIRE(it.invoke());
    CHECK(it.output(0).data_as<float>()[0] == 3.0f);
}

TEST_CASE("IF refuses a branch whose inputs do not match the op's") {
    const std::string e = allocate_error(if_model(2));
    CHECK(e.find("subgraph 0 op 0 (IF): then subgraph 1 has 2 inputs") != std::string::npos);
}

// Subgraph 0: CALL_ONCE(init 1); h = VAR_HANDLE("acc"); v = READ_VARIABLE(h); s = v + x; ASSIGN_VARIABLE(h, s);
// output s. Subgraph 1: h = VAR_HANDLE("acc"); ASSIGN_VARIABLE(h, [100, 200]).
test::tb_model variable_model(std::vector<int32_t> init_shape = {2}) {
    test::tb_model m;
    m.opcodes = {{ADD, ""}, {CALL_ONCE, ""}, {VAR_HANDLE, ""}, {READ_VARIABLE, ""}, {ASSIGN_VARIABLE, ""}};
    std::vector<float> start = {100.0f, 200.0f, 300.0f};
    start.resize(size_t(init_shape[0]));
    m.buffers.push_back(floats(start));
    auto handle = [](test::tb_op o) {
        o.options_type = 111;  // VarHandleOptions
        o.options = [](flatbuffers::FlatBufferBuilder& fbb) {
            auto name = fbb.CreateString("acc");
            const auto start = fbb.StartTable();
            fbb.AddOffset(test::vt(1), name);
            return fbb.EndTable(start);
        };
        return o;
    };
    m.tensors = {test::tt({2}, F32, 0, "x"), test::tt({}, RESOURCE, 0, "h"), test::tt({2}, F32, 0, "v"),
                 test::tt({2}, F32, 0, "s")};
    m.inputs = {0};
    m.outputs = {3};
    m.ops = {with_indices(mk_op(1, {}, {}), call_once_options, 1), handle(mk_op(2, {}, {1})), mk_op(3, {1}, {2}),
             mk_op(0, {2, 0}, {3}), mk_op(4, {1, 3}, {})};
    test::tb_subgraph init;
    init.tensors = {test::tt({}, RESOURCE, 0, "h"), test::tt(init_shape, F32, 1, "start")};
    init.ops = {handle(mk_op(2, {}, {0})), mk_op(4, {0, 1}, {})};
    m.subgraphs = {init};
    return m;
}

TEST_CASE("resource variables: CALL_ONCE initialises, READ/ASSIGN_VARIABLE carry the value across invokes") {
    loaded l(variable_model());
    REQUIRE_MESSAGE(l.m, l.m.error().message());
    interpreter it(*l.m);
    const status s = it.allocate();
    REQUIRE_MESSAGE(s, s.message());
    it.input(0).data_as<float>()[0] = 1.0f;
    it.input(0).data_as<float>()[1] = 2.0f;
    REQUIRE(it.invoke());
    CHECK(it.output(0).data_as<float>()[0] == 101.0f);
    CHECK(it.output(0).data_as<float>()[1] == 202.0f);
    const long before = test::allocations();
    REQUIRE(it.invoke());  // CALL_ONCE does not run again: the variable keeps accumulating
    CHECK(test::allocations() == before);
    CHECK(it.output(0).data_as<float>()[0] == 102.0f);
    CHECK(it.output(0).data_as<float>()[1] == 204.0f);
    // A new allocate() starts over: the initializer runs again.
    REQUIRE(it.allocate());
    it.input(0).data_as<float>()[0] = 0.0f;
    it.input(0).data_as<float>()[1] = 0.0f;
    REQUIRE(it.invoke());
    CHECK(it.output(0).data_as<float>()[0] == 100.0f);
}

TEST_CASE("resource variables keep the type and shape of their first assignment") {
    const std::string e = allocate_error(variable_model({1}));  // ADD then broadcasts it to [2]
    CAPTURE(e);
    CHECK(e.find("ASSIGN_VARIABLE") != std::string::npos);
    CHECK(e.find("variable 'acc' is float32 [1]; it cannot be assigned a float32 [2] value") != std::string::npos);
}

TEST_CASE("READ_VARIABLE before any ASSIGN_VARIABLE is refused") {
    auto spec = variable_model();
    spec.ops.erase(spec.ops.begin());  // no CALL_ONCE: nothing gives the variable a shape before it is read
    const std::string e = allocate_error(spec);
    CHECK(e.find("READ_VARIABLE") != std::string::npos);
    CHECK(e.find("is read before any ASSIGN_VARIABLE") != std::string::npos);
}
