// Dynamic-batch models (tests/data/dynamic_batch, tools/gen_dynamic_batch.py): Keras models with a None batch,
// converted by TensorFlow Lite's converter, whose RESHAPE shapes are computed in the graph (SHAPE ->
// STRIDED_SLICE/GATHER -> PACK/CONCATENATION -> RESHAPE) over placeholder 1s in the stored shapes. The input is
// resized to batch 3 then 1 on one interpreter; the outputs are compared with TensorFlow Lite's interpreter
// (reference kernels) after resize_tensor_input: int8 bit-exact, float32 within 1e-5 + 1e-5 |expected| (the
// op-fixture bound; the CPU backend's float kernels sum in another order: 1e-4 + 1e-4 |expected|).
// Shapes that depend on values known only at invoke are refused with a message saying so.
#include <doctest/doctest.h>
#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/io/npy.hpp"
#include "support/model_builder.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

std::vector<std::string> dynamic_batch_dirs() {
    std::vector<std::string> out;
    const std::string root = test::test_data_dir() + "/dynamic_batch";
    if (DIR* d = ::opendir(root.c_str())) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.' && test::path_exists(root + "/" + e->d_name + "/model.tflite"))
                out.push_back(e->d_name);
        ::closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void run_batch(interpreter& it, const std::string& dir, int batch, double tolerance) {
    CAPTURE(batch);
    auto x = npy::load(dir + "/input_b" + std::to_string(batch) + ".npy");
    auto want = npy::load(dir + "/expected_b" + std::to_string(batch) + ".npy");
    REQUIRE_MESSAGE(x, x.error().message());
    REQUIRE_MESSAGE(want, want.error().message());
    shape s;
    for (auto d : x->shape) s.push_back(int32_t(d));
    status st = it.resize_input(0, s);
    REQUIRE_MESSAGE(st, st.message());
    st = it.allocate();
    REQUIRE_MESSAGE(st, st.message());
    REQUIRE(x->bytes.size() == it.input(0).bytes);
    std::memcpy(it.input(0).data, x->bytes.data(), x->bytes.size());
    st = it.invoke();
    REQUIRE_MESSAGE(st, st.message());
    const tensor& y = it.output(0);
    CHECK(std::vector<int64_t>(y.dims.begin(), y.dims.end()) == want->shape);
    REQUIRE(want->bytes.size() == y.bytes);
    const size_t n = size_t(y.num_elements());
    if (y.type == dtype::int8) {
        size_t differing = 0;
        for (size_t i = 0; i < n; ++i) differing += y.data_as<int8_t>()[i] != int8_t(want->bytes[i]);
        CHECK_MESSAGE(differing == 0, differing << " of " << n << " int8 outputs differ from TensorFlow Lite");
    } else {
        REQUIRE(y.type == dtype::float32);
        double excess = -1, worst = 0;
        for (size_t i = 0; i < n; ++i) {
            float e;
            std::memcpy(&e, want->bytes.data() + i * 4, 4);
            const double d = std::fabs(double(y.data_as<float>()[i]) - double(e));
            worst = std::max(worst, d);
            excess = std::max(excess, d - tolerance * (1 + std::fabs(double(e))));
        }
        CHECK_MESSAGE(excess <= 0, "max |diff| " << worst << " beyond the float bound");
    }
}

}  // namespace

TEST_CASE("dynamic-batch models with computed RESHAPE shapes agree with TensorFlow Lite after resize_input") {
    const auto dirs = dynamic_batch_dirs();
    REQUIRE_MESSAGE(dirs.size() >= 6, "fixtures missing under tests/data/dynamic_batch (tools/gen_dynamic_batch.py)");
    for (const auto& name : dirs) {
        CAPTURE(name);
        const std::string dir = test::test_data_dir() + "/dynamic_batch/" + name;
        auto m = model::from_file(dir + "/model.tflite");
        REQUIRE_MESSAGE(m, m.error().message());
        SUBCASE("reference backend") {
            interpreter it(*m);
            for (int batch : {3, 1, 3}) run_batch(it, dir, batch, 1e-5);
        }
        SUBCASE("CPU backend") {
            cpu_backend_options o;
            cpu_backend cpu(o);
            interpreter_options options;
            options.backends.push_back(make_backend_ref(cpu));
            interpreter it(*m, options);
            for (int batch : {3, 1}) run_batch(it, dir, batch, 1e-4);
        }
    }
}

namespace {
// x float [1,6] (batch dynamic) -> RESHAPE(x, shape) -> y, the shape computed by `ops` from tensors 2...
test::tb_tensor dynamic(std::vector<int32_t> dims, int8_t type, const char* name) {
    test::tb_tensor t = test::tt(dims, type, 0, name);
    t.shape_signature = dims;
    t.shape_signature[0] = -1;
    return t;
}
test::tb_op make_op(uint32_t code_index, std::vector<int32_t> in, std::vector<int32_t> out) {
    test::tb_op o;
    o.opcode_index = code_index;
    o.inputs = std::move(in);
    o.outputs = std::move(out);
    return o;
}
}  // namespace

TEST_CASE("a RESHAPE shape that depends on input values is refused after a resize, naming the reason") {
    // shape = SHAPE(x) + delta, delta a graph input: not computable at prepare.
    test::tb_model m;
    m.opcodes = {{77, ""}, {0, ""}, {22, ""}};  // SHAPE, ADD, RESHAPE
    m.tensors = {dynamic({1, 6}, 0, "x"), test::tt({2}, 2, 0, "delta"), test::tt({2}, 2, 0, "x_shape"),
                 test::tt({2}, 2, 0, "new_shape"), test::tt({1, 6}, 0, 0, "y")};
    m.inputs = {0, 1};
    m.outputs = {4};
    m.ops = {make_op(0, {0}, {2}), make_op(1, {2, 1}, {3}), make_op(2, {0, 3}, {4})};
    const auto bytes = test::build_model(m);
    auto model_r = model::from_memory(bytes.data(), bytes.size());
    REQUIRE_MESSAGE(model_r, model_r.error().message());
    interpreter it(*model_r);
    {  // at the stored batch the plan is the stored shape, checked at invoke
        REQUIRE(it.allocate());
        const int32_t delta[2] = {5, -5};  // [1,6] + [5,-5] = [6,1]: the same elements, not the plan
        std::memcpy(it.input(1).data, delta, sizeof delta);
        const status s = it.invoke();
        REQUIRE_FALSE(s);
        INFO(s.message());
        CHECK(s.message().find("depends on values known only at invoke: it gives [6,1], but the output was planned "
                               "as [1,6]") != std::string::npos);
    }
    REQUIRE(it.resize_input(0, shape{3, 6}));
    const status s = it.allocate();
    REQUIRE_FALSE(s);
    CHECK(s.message().find("op 2 (RESHAPE)") != std::string::npos);
    CHECK(s.message().find("shape (input 1) depends on values known only at invoke (tensor 3 'new_shape'") !=
          std::string::npos);
    CHECK(s.message().find("does not hold the 18 input elements") != std::string::npos);
}

TEST_CASE("ops whose output shape reads an operand take values computed at prepare (FILL from SHAPE)") {
    // y = FILL(SHAPE(x), 2.5): y follows x's resized shape.
    test::tb_model m;
    m.opcodes = {{77, ""}, {94, ""}};  // SHAPE, FILL
    m.buffers.push_back(test::bytes_of(std::vector<float>{2.5f}));
    m.tensors = {dynamic({1, 4}, 0, "x"), test::tt({2}, 2, 0, "x_shape"), test::tt({}, 0, 1, "value"),
                 test::tt({1, 4}, 0, 0, "y")};
    m.inputs = {0};
    m.outputs = {3};
    m.ops = {make_op(0, {0}, {1}), make_op(1, {1, 2}, {3})};
    const auto bytes = test::build_model(m);
    auto model_r = model::from_memory(bytes.data(), bytes.size());
    REQUIRE_MESSAGE(model_r, model_r.error().message());
    interpreter it(*model_r);
    REQUIRE(it.resize_input(0, shape{3, 4}));
    status s = it.allocate();
    REQUIRE_MESSAGE(s, s.message());
    CHECK(it.output(0).dims == shape{3, 4});
    REQUIRE(it.tensor_at(1).known);
    CHECK(reinterpret_cast<const int32_t*>(it.tensor_at(1).known)[0] == 3);
    s = it.invoke();
    REQUIRE_MESSAGE(s, s.message());
    for (int i = 0; i < 12; ++i) CHECK(it.output(0).data_as<float>()[i] == 2.5f);
}
