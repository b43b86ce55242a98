// Every op fixture in tests/data/ops through the Vulkan backend, against the reference backend on the same
// inputs (the fixture's input and random ones over the whole 8-bit range): integer outputs bit-exact, float
// outputs within test::float_close. Fixtures whose ops the backend does not run are counted, not failed; the
// ops it does run must all be claimed (the list below).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "flatnn/io/npy.hpp"
#include "support/shared.hpp"
#include "vulkan/vulkan_test_util.hpp"

using namespace flatnn;

namespace {

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

// Fixtures the backend must run entirely (stems with Vulkan kernels; 8-bit concatenation only without
// rescaling, QUANTIZE to 8 bits, quantized FULLY_CONNECTED where the device has shaderFloat64).
bool expected_on_vulkan(const std::string& name, bool float64) {
    if (starts_with(name, "add_n_")) return false;    // ADD_N, not ADD
    if (starts_with(name, "add_int32")) return false;  // int32 ADD (loop counters) and its CASTs: CPU
    if (name.find("int16x8") != std::string::npos) return false;  // no int16 shaders
    if (name.find("hybrid") != std::string::npos) return false;   // int8 weights with float activations: CPU
    if (name.find("float16") != std::string::npos) return false;  // DEQUANTIZE of the weights runs on the CPU
    if (starts_with(name, "fully_connected_") && name.find("float32") == std::string::npos) return float64;
    for (const char* stem : {"conv_2d_", "depthwise_conv_2d_", "add_", "average_pool_2d_", "reshape_", "squeeze_",
                             "resize_bilinear_", "arg_max_", "softmax_", "fully_connected_", "mean_"})
        if (starts_with(name, stem)) return true;
    // QUANTIZE to 8 bits (the chain fixtures also DEQUANTIZE, which stays on the CPU).
    if (starts_with(name, "quantize_")) return !starts_with(name, "quantize_chain_");
    // The uint8 concatenation fixtures rescale their inputs: that stays on the CPU.
    if (starts_with(name, "concatenation_")) return name.find("uint8") == std::string::npos;
    return false;
}

}  // namespace

TEST_CASE("vulkan: op fixtures match the reference backend") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk) return;
    const auto names = test::op_fixture_names();
    REQUIRE(!names.empty());
    size_t ran = 0, skipped = 0;
    std::set<std::string> on_cpu;
    for (const auto& name : names) {
        CAPTURE(name);
        const std::string dir = test::test_data_dir() + "/ops/" + name;
        auto m = model::from_file(dir + "/model.tflite");
        REQUIRE_MESSAGE(m, m.error().message());
        std::vector<std::vector<uint8_t>> given;
        for (size_t i = 0;; ++i) {
            const std::string p = dir + "/input_" + std::to_string(i) + ".npy";
            if (!test::path_exists(p)) break;
            auto arr = npy::load(p);
            REQUIRE(arr);
            given.push_back(arr->bytes);
        }
        for (int trial = 0; trial < 3; ++trial) {
            CAPTURE(trial);
            std::mt19937 rng(uint32_t(trial * 7919 + name.size()));
            auto fill = [&](size_t i, tensor& t) {
                if (trial == 0 && i < given.size() && given[i].size() == t.bytes) std::memcpy(t.data, given[i].data(), t.bytes);
                else test::fill_random(rng, t);
            };
            std::mt19937 rng_copy = rng;
            auto got = test::run_model(*m, {make_backend_ref(*vk)}, fill);
            rng = rng_copy;
            auto want = test::run_model(*m, {}, fill);
            if (trial > 0 && !want.s) continue;  // random inputs outside the op's domain (RSQRT of a negative value)
            REQUIRE_MESSAGE(want.s, want.s.message());
            REQUIRE_MESSAGE(got.s, got.s.message());
            const size_t on_vk = test::nodes_on(*got.it, "vulkan");
            if (trial == 0) {
                if (on_vk == got.it->nodes().size()) ++ran;
                else ++skipped, on_cpu.insert(name);
                if (expected_on_vulkan(name, vk->context().float64)) {
                    for (const node& n : got.it->nodes())
                        CHECK_MESSAGE(std::string(got.it->backends()[size_t(n.backend)].name) == "vulkan",
                                      "node " << n.index << " " << n.name << " not on Vulkan: " << vk->why_not(n));
                }
            }
            for (size_t o = 0; o < got.it->output_count(); ++o) {
                double worst = 0;
                const size_t d = test::count_differences(got.it->output(o), want.it->output(o), worst);
                CHECK_MESSAGE(d == 0, d << " of " << got.it->output(o).num_elements() << " elements differ (max |diff| "
                                        << worst << ") on output " << o);
            }
        }
    }
    std::string cpu_list;
    for (const auto& n : on_cpu) cpu_list += " " + n;
    MESSAGE("Vulkan ran " << ran << " fixtures entirely; " << skipped << " had CPU nodes:" << cpu_list);
    CHECK(ran >= 122);
}

TEST_CASE("vulkan: a second allocate() re-records the plan; results still match") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk) return;
    auto m = model::from_file(test::test_data_dir() + "/ops/conv_2d_same_s2_int8/model.tflite");
    REQUIRE_MESSAGE(m, m.error().message());
    interpreter_options o;
    o.backends = {make_backend_ref(*vk)};
    interpreter it(*m, o);
    interpreter ref(*m);
    REQUIRE(ref.allocate());
    std::mt19937 rng(77);
    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        REQUIRE(it.allocate());
        CHECK(vk->stats().segments == 1);
        test::fill_random(rng, it.input(0));
        std::memcpy(ref.input(0).data, it.input(0).data, it.input(0).bytes);
        REQUIRE(it.invoke());
        REQUIRE(ref.invoke());
        double worst = 0;
        CHECK(test::count_differences(it.output(0), ref.output(0), worst) == 0);
    }
}
