// Loading and verification: valid files load, hostile ones give a clear error that names the rule and where.
#include <doctest/doctest.h>

#include <string>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"

using namespace flatnn;
using test::tb_model;

namespace {

// out = a + b, float32 [1,2,2,3]; ADD is builtin code 0.
tb_model add_model() {
    tb_model m;
    m.opcodes = {{0, ""}};
    m.tensors = {test::tt({1, 2, 2, 3}, 0, 0, "a"), test::tt({1, 2, 2, 3}, 0, 0, "b"), test::tt({1, 2, 2, 3}, 0, 0, "out")};
    m.inputs = {0, 1};
    m.outputs = {2};
    test::tb_op op;
    op.inputs = {0, 1};
    op.outputs = {2};
    m.ops = {op};
    return m;
}

std::string load_error(const std::vector<uint8_t>& bytes) {
    auto m = model::from_memory(bytes.data(), bytes.size());
    return m ? std::string() : m.error().message();
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a model written by flatbuffers' own builder loads") {
    const auto bytes = test::build_model(add_model());
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE_MESSAGE(m, m.error().message());
    CHECK(m->version() == 3);
    CHECK(m->subgraph().tensors.size() == 3);
    CHECK(m->subgraph().tensors[1].name == "b");
    CHECK(m->subgraph().tensors[2].dims == shape{1, 2, 2, 3});
    CHECK(m->subgraph().operators[0].code == 0);
}

TEST_CASE("trailing bytes after the FlatBuffer are allowed") {
    auto bytes = test::build_model(add_model());
    const char zip[] = "PK\x03\x04 appended associated files";
    bytes.insert(bytes.end(), zip, zip + sizeof zip);
    CHECK(load_error(bytes).empty());
}

TEST_CASE("every truncation of a valid file is rejected without reading out of bounds") {
    const auto bytes = test::build_model(add_model());
    for (size_t n = 0; n < bytes.size(); ++n) {
        std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + long(n));  // exact-size copy: ASan sees overreads
        const std::string e = load_error(cut);
        CHECK_MESSAGE(!e.empty(), "truncated to ", n, " bytes was accepted");
    }
}

TEST_CASE("wrong file identifier") {
    auto bytes = test::build_model(add_model());
    bytes[4] = 'X';
    CHECK(contains(load_error(bytes), "identifier"));
}

TEST_CASE("schema version other than 3") {
    auto m = add_model();
    m.version = 2;
    CHECK(contains(load_error(test::build_model(m)), "version is 2"));
}

TEST_CASE("indices out of range are named with their place") {
    SUBCASE("operator input") {
        auto m = add_model();
        m.ops[0].inputs = {0, 7};
        const auto e = load_error(test::build_model(m));
        CHECK(contains(e, "op 0 (ADD)"));
        CHECK(contains(e, "inputs[1] = 7"));
    }
    SUBCASE("graph output") {
        auto m = add_model();
        m.outputs = {-3};
        CHECK(contains(load_error(test::build_model(m)), "outputs[0] = -3"));
    }
    SUBCASE("opcode index") {
        auto m = add_model();
        m.ops[0].opcode_index = 4;
        CHECK(contains(load_error(test::build_model(m)), "opcode_index 4"));
    }
    SUBCASE("buffer index") {
        auto m = add_model();
        m.tensors[1].buffer = 9;
        CHECK(contains(load_error(test::build_model(m)), "buffer index 9"));
    }
}

TEST_CASE("buffers must match shape and dtype") {
    auto m = add_model();
    m.buffers.push_back(std::vector<uint8_t>(40, 0));  // 10 floats for 12 elements
    m.tensors[1].buffer = 1;
    m.inputs = {0};
    const auto e = load_error(test::build_model(m));
    CHECK(contains(e, "holds 40 bytes"));
    CHECK(contains(e, "needs 48"));
}

TEST_CASE("negative and huge dimensions") {
    auto m = add_model();
    m.tensors[0].shape = {1, -2, 2, 3};
    CHECK(contains(load_error(test::build_model(m)), "must be >= 0"));
    m.tensors[0].shape = {2147483647, 2147483647, 2147483647, 3};
    CHECK(contains(load_error(test::build_model(m)), "size limit"));
}

TEST_CASE("unknown dtype") {
    auto m = add_model();
    m.tensors[2].type = 57;
    CHECK(contains(load_error(test::build_model(m)), "unknown dtype 57"));
}

TEST_CASE("quantization arrays must be consistent") {
    auto m = add_model();
    m.tensors[0].scale = {0.5f, 0.25f};
    m.tensors[0].zero_point = {0};
    CHECK(contains(load_error(test::build_model(m)), "2 scales but 1 zero points"));
    m.tensors[0].zero_point = {0, 0};
    m.tensors[0].quantized_dimension = 3;  // dimension 3 has 3 channels, not 2
    CHECK(contains(load_error(test::build_model(m)), "per-channel scales but dimension 3 has size 3"));
    m.tensors[0].quantized_dimension = 9;
    CHECK(contains(load_error(test::build_model(m)), "quantized_dimension 9"));
}

TEST_CASE("operators must be in execution order") {
    SUBCASE("reading a tensor nobody produced yet (a cycle)") {
        auto m = add_model();
        m.ops[0].inputs = {0, 2};
        m.inputs = {0};
        const auto e = load_error(test::build_model(m));
        CHECK(contains(e, "before any operator produces it"));
    }
    SUBCASE("a tensor produced twice") {
        auto m = add_model();
        m.ops.push_back(m.ops[0]);
        CHECK(contains(load_error(test::build_model(m)), "already produced"));
    }
}

TEST_CASE("a corrupted vtable offset is caught by the verifier with a byte offset") {
    const auto good = test::build_model(add_model());
    // Flip every 4-byte word in turn to a huge value: each result is either rejected or still a loadable model.
    int rejected = 0;
    for (size_t i = 0; i + 4 <= good.size(); i += 4) {
        auto bad = good;
        bad[i] = 0xff, bad[i + 1] = 0xff, bad[i + 2] = 0xff, bad[i + 3] = 0x7f;
        const std::string e = load_error(bad);
        if (!e.empty()) {
            ++rejected;
            if (contains(e, "invalid FlatBuffer")) CHECK(contains(e, "at byte"));
        }
    }
    CHECK(rejected > 0);
}
