// Parameter caching (edgetpu.md §3.1): one device context shared by two interpreters, invoked 0,1,0,1,1. The
// parameter bytes the simulated device receives per invoke must equal the table recorded from libedgetpu.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "edgetpu/edgetpu_test_util.hpp"
#include "edgetpu/simulated_device.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;

namespace {

std::vector<uint64_t> parameter_bytes_per_invoke(const char* file0, const char* file1) {
    auto m0 = model::from_file(coral_dir() + "/" + file0);
    auto m1 = model::from_file(coral_dir() + "/" + file1);
    REQUIRE(m0.is_ok());
    REQUIRE(m1.is_ok());
    simulated_device dev;
    et::device_context ctx(dev);
    et::edgetpu_backend tpu(&ctx);
    cpu_backend cpu;
    interpreter_options o;
    o.backends = {make_backend_ref(tpu), make_backend_ref(cpu)};
    interpreter i0(*m0, o), i1(*m1, o);
    REQUIRE(i0.allocate());
    REQUIRE(i1.allocate());
    interpreter* its[2] = {&i0, &i1};
    for (interpreter* it : its) {
        dev.add_package(it->nodes()[0].get<et::edgetpu_node_state>().pkg);
        std::memset(it->input(0).data, 0x42, it->input(0).bytes);
    }
    std::vector<uint64_t> sent;
    for (int which : {0, 1, 0, 1, 1}) {
        interpreter& it = *its[which];
        dev.expect_input("input", &it.input(0).data, &it.input(0).bytes);
        const uint64_t before = dev.parameter_bytes();
        const status s = it.invoke();
        REQUIRE_MESSAGE(s.is_ok(), s.message());
        CHECK(dev.idle());
        sent.push_back(dev.parameter_bytes() - before);
    }
    CHECK(dev.errors().empty());
    return sent;
}

}  // namespace

TEST_CASE("edgetpu caching: co-compiled MobileNets upload each model's parameters once") {
    if (!have_shared()) return;
    const auto sent = parameter_bytes_per_invoke(
        "cocompilation/mobilenet_v1_0.25_128_quant_cocompiled_with_mobilenet_v1_0.5_160_quant_edgetpu.tflite",
        "cocompilation/mobilenet_v1_0.5_160_quant_cocompiled_with_mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    CHECK(sent == std::vector<uint64_t>{566912, 1473280, 0, 0, 0});
}

TEST_CASE("edgetpu caching: separately compiled MobileNets re-upload on every switch") {
    if (!have_shared()) return;
    const auto sent = parameter_bytes_per_invoke("mobilenet_v1_0.25_128_quant_edgetpu.tflite",
                                                 "mobilenet_v1_0.5_160_quant_edgetpu.tflite");
    CHECK(sent == std::vector<uint64_t>{566912, 1473280, 566912, 1473280, 0});
}
