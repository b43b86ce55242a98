// Every *_edgetpu.tflite of ../shared end to end: the Edge TPU node runs on the simulated device through the
// backend and a shared device context, the ops around it on the CPU backend. Checks: the device saw nothing
// wrong (framing, order, instructions, parameters, inputs), the caller's inputs are unchanged, the node's outputs
// are the device's tiles re-laid out, and a second invoke sends no parameters. Without a device the error names
// the CPU twin.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <vector>

#include "edgetpu/edgetpu_test_util.hpp"
#include "edgetpu/simulated_device.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;

TEST_CASE("edgetpu backend: every compiled model runs end to end on the simulated device") {
    if (!have_shared()) return;
    for (const std::string& name : edgetpu_models()) {
        CAPTURE(name);
        const std::string path = coral_dir() + "/" + name;
        auto m = model::from_file(path);
        REQUIRE(m.is_ok());
        simulated_device dev;
        et::device_context ctx(dev);
        et::edgetpu_backend tpu(&ctx, path);
        cpu_backend cpu;
        interpreter_options o;
        o.backends = {make_backend_ref(tpu), make_backend_ref(cpu)};
        interpreter it(*m, o);
        const status a = it.allocate();
        REQUIRE_MESSAGE(a.is_ok(), a.message());

        const node* tpu_node = nullptr;
        size_t cpu_nodes = 0;
        for (const node& n : it.nodes()) {
            if (std::string(it.backends()[size_t(n.backend)].name) == "edgetpu") tpu_node = &n;
            else ++cpu_nodes;
        }
        REQUIRE(tpu_node != nullptr);
        const auto& st = tpu_node->get<et::edgetpu_node_state>();
        const et::executable& e = st.pkg.main_executable();
        dev.add_package(st.pkg);
        for (size_t i = 0; i < tpu_node->inputs.size(); ++i) {
            const tensor* t = tpu_node->inputs[i];
            dev.expect_input(std::string(e.inputs[size_t(st.input_layer[i])].name), &t->data, &t->bytes);
        }
        std::mt19937 rng(7);
        for (size_t i = 0; i < it.input_count(); ++i) {
            tensor& t = it.input(i);
            for (size_t k = 0; k < t.bytes; ++k) t.data[k] = uint8_t(rng());
        }
        // The arena reuses a tensor's memory after its last reader: look at the node's tensors around it.
        struct around_node : node_observer {
            const node* watched = nullptr;
            std::vector<std::vector<uint8_t>> before, after, outputs;
            static std::vector<std::vector<uint8_t>> copy(const std::vector<tensor*>& ts) {
                std::vector<std::vector<uint8_t>> v;
                for (const tensor* t : ts) v.emplace_back(t->data, t->data + t->bytes);
                return v;
            }
            void begin(const node& n) override {
                if (&n == watched) before = copy(n.inputs);
            }
            void end(const node& n) override {
                if (&n != watched) return;
                after = copy(n.inputs);
                outputs = copy(n.outputs);
            }
        } watch;
        watch.watched = tpu_node;
        it.set_observer(&watch);
        for (int run = 0; run < 2; ++run) {
            CAPTURE(run);
            const uint64_t params_before = dev.parameter_bytes();
            const status s = it.invoke();
            REQUIRE_MESSAGE(s.is_ok(), s.message());
            CHECK(dev.errors().empty());
            CHECK(dev.idle());
            const uint64_t sent = dev.parameter_bytes() - params_before;
            CHECK(sent == (run == 0 ? st.pkg.caching_executable()->parameter_bytes : 0));
            CHECK(watch.after == watch.before);  // the node never writes its inputs (no in-place sign flip)
            REQUIRE(watch.outputs.size() == tpu_node->outputs.size());
            for (size_t i = 0; i < tpu_node->outputs.size(); ++i) {
                const et::layer& l = e.outputs[size_t(st.output_layer[i])];
                const auto& raw = dev.canned_output(l);
                std::vector<uint8_t> want(l.unpadded_bytes());
                REQUIRE(et::relayout_output(l, raw.data(), raw.size(), want.data(), want.size()));
                CHECK(watch.outputs[i] == want);
            }
        }
        CHECK(dev.completed_runs() == 3);  // caching once, then two inferences
        MESSAGE(name << ": " << cpu_nodes << " CPU node(s) around the Edge TPU node");
    }
}

TEST_CASE("edgetpu backend: the end-to-end list holds every *_edgetpu.tflite of ../shared/models") {
    if (!have_shared()) return;
    // The Done-when of issue 5 says every compiled model: the list the end-to-end test walks must not fall behind
    // what ../shared holds.
    namespace fs = std::filesystem;
    const std::string suffix = "_edgetpu.tflite";
    std::vector<std::string> found, listed;
    for (const auto& entry : fs::recursive_directory_iterator(shared_dir() + "/models")) {
        const std::string p = entry.path().string();
        if (entry.is_regular_file() && p.size() > suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
            found.push_back(fs::canonical(entry.path()).string());
    }
    for (const std::string& name : edgetpu_models()) listed.push_back(fs::canonical(coral_dir() + "/" + name).string());
    std::sort(found.begin(), found.end());
    std::sort(listed.begin(), listed.end());
    CHECK(found == listed);
}

TEST_CASE("edgetpu backend: without a device the error names the CPU twin") {
    if (!have_shared()) return;
    const std::string path = coral_dir() + "/posenet/posenet_mobilenet_v1_075_353_481_16_quant_decoder_edgetpu.tflite";
    auto m = model::from_file(path);
    REQUIRE(m.is_ok());
    SUBCASE("backend without a device context") {
        et::edgetpu_backend tpu(nullptr, path);
        interpreter_options o;
        o.backends = {make_backend_ref(tpu)};
        interpreter it(*m, o);
        const status s = it.allocate();
        REQUIRE_FALSE(s.is_ok());
        CHECK(s.message().find("no device is configured") != std::string::npos);
        CHECK(s.message().find(coral_dir() + "/posenet/posenet_mobilenet_v1_075_353_481_16_quant_decoder.tflite") !=
              std::string::npos);
    }
    SUBCASE("no Edge TPU backend at all") {
        interpreter it(*m);
        const status s = it.allocate();
        REQUIRE_FALSE(s.is_ok());
        CHECK(s.message().find("without `_edgetpu`") != std::string::npos);
    }
    CHECK(et::cpu_twin_path("/a/b/x_edgetpu.tflite") == "/a/b/x.tflite");
    CHECK(et::cpu_twin_path("x.tflite").empty());
}

TEST_CASE("edgetpu backend: tensors that do not match the layers are refused in prepare") {
    if (!have_shared()) return;
    auto m = model::from_file(coral_dir() + "/mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    REQUIRE(m.is_ok());
    simulated_device dev;
    et::device_context ctx(dev);
    et::edgetpu_backend tpu(&ctx);
    interpreter_options o;
    o.backends = {make_backend_ref(tpu)};
    interpreter it(*m, o);
    shape resized = it.input(0).dims;
    resized[1] = 64;
    REQUIRE(it.resize_input(0, resized));
    const status s = it.allocate();
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.message().find("layer 'input' (128x128x3) has 49152") != std::string::npos);
}
