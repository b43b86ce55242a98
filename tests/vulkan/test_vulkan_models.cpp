// Whole models from ../shared on Vulkan (+ the CPU backend for what Vulkan does not run) against the CPU backend
// alone: every output bit-exact (all are quantized models). Also: one submit per segment per invoke, repeated
// invokes with new inputs, and a plan split by a CPU node in the middle (explicit transfers both ways).
#include <doctest/doctest.h>

#include <chrono>

#include "support/shared.hpp"
#include "vulkan/vulkan_test_util.hpp"

using namespace flatnn;

namespace {

double ms_per_invoke(interpreter& it, int runs) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < runs; ++i) REQUIRE(it.invoke());
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / runs;
}

// trials: invokes compared (new random inputs each); timed: extra invokes timed on both (lavapipe is slow).
// all_on_vulkan: every node must run on Vulkan.
void check_model(vulkan_backend& vk, const std::string& file, std::vector<size_t> cpu_nodes, size_t want_segments,
                 int trials, int timed, bool all_on_vulkan = false) {
    auto m = model::from_file(test::coral_dir() + "/" + file);
    REQUIRE_MESSAGE(m, m.error().message());
    cpu_backend cpu;
    vulkan_backend* use = &vk;
    std::unique_ptr<vulkan_backend> own;
    if (!cpu_nodes.empty()) {
        vulkan_backend_options o;
        o.cpu_nodes = cpu_nodes;
        auto b = vulkan_backend::create(o);
        REQUIRE_MESSAGE(b, b.error().message());
        own = std::move(b.value());
        use = own.get();
    }
    for (int trial = 0; trial < trials; ++trial) {
        CAPTURE(trial);
        std::mt19937 rng(uint32_t(1234 + trial));
        auto fill = [&](size_t, tensor& t) { test::fill_random(rng, t); };
        std::mt19937 keep = rng;
        auto got = test::run_model(*m, {make_backend_ref(*use), make_backend_ref(cpu)}, fill);
        REQUIRE_MESSAGE(got.s, got.s.message());
        rng = keep;
        auto want = test::run_model(*m, {make_backend_ref(cpu)}, fill);
        REQUIRE_MESSAGE(want.s, want.s.message());
        for (size_t o = 0; o < got.it->output_count(); ++o) {
            double worst = 0;
            const size_t d = test::count_differences(got.it->output(o), want.it->output(o), worst);
            CHECK_MESSAGE(d == 0, file << " output " << o << ": " << d << " elements differ, max |diff| " << worst);
        }
        const vulkan_plan_stats& s = use->stats();
        CHECK(s.segments == want_segments);
        if (trial == 0) {
            std::string elsewhere;
            for (const node& n : got.it->nodes())
                if (std::string(got.it->backends()[size_t(n.backend)].name) != "vulkan")
                    elsewhere += " " + std::to_string(n.index) + ":" + n.name;
            if (all_on_vulkan) CHECK_MESSAGE(elsewhere.empty(), "nodes not on Vulkan:" << elsewhere);
            // The same command buffers serve every invoke: one submit per segment.
            const size_t before = use->submits();
            const double vk_ms = timed ? ms_per_invoke(*got.it, timed) : 0;
            CHECK(use->submits() - before == size_t(timed) * s.segments);
            const double cpu_ms = timed ? ms_per_invoke(*want.it, timed) : 0;
            MESSAGE(file << ": " << s.nodes << " of " << got.it->nodes().size() << " nodes on Vulkan, " << s.segments
                         << " submit(s), " << s.dispatches << " dispatches + " << s.copies << " copies per invoke, "
                         << s.uploads << " uploads / " << s.downloads << " downloads; " << vk_ms
                         << " ms per invoke on " << use->context().description.name << " vs " << cpu_ms
                         << " ms on the CPU backend (1 thread); not on Vulkan:" << elsewhere);
        }
    }
}

}  // namespace

TEST_CASE("vulkan: MobileNet v1 0.25 128 (uint8) bit-exact with the CPU backend") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk || !test::have_shared()) return;
    check_model(*vk, "mobilenet_v1_0.25_128_quant.tflite", {}, 1, 2, 3, true);
}

TEST_CASE("vulkan: MobileNet v2 1.0 224 (uint8) bit-exact with the CPU backend") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk || !test::have_shared()) return;
    check_model(*vk, "mobilenet_v2_1.0_224_quant.tflite", {}, 1, 1, 0, true);
}

TEST_CASE("vulkan: TF2 MobileNet v2 (int8, MEAN pooling) entirely on Vulkan, bit-exact with the CPU backend") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk || !test::have_shared()) return;
    check_model(*vk, "tf2_mobilenet_v2_1.0_224_ptq.tflite", {}, 1, 1, 0, true);
}

TEST_CASE("vulkan: a CPU node in the middle splits the plan into two segments with transfers") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk || !test::have_shared()) return;
    check_model(*vk, "mobilenet_v1_0.25_128_quant.tflite", {5}, 2, 2, 1);
}

TEST_CASE("vulkan: MobileNet v1 0.5 160 (uint8) bit-exact with the CPU backend") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk || !test::have_shared()) return;
    check_model(*vk, "mobilenet_v1_0.5_160_quant.tflite", {}, 1, 1, 0, true);
}

TEST_CASE("vulkan: DeepLab v3 (MobileNet v2 dm 0.5, uint8) entirely on Vulkan, bit-exact with the CPU backend") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk || !test::have_shared()) return;
    // RESIZE_BILINEAR (1x1 -> 33x33, 33x33 -> 33x33, 33x33 -> 513x513), QUANTIZE (uint8 rescale), ARG_MAX (int64).
    check_model(*vk, "deeplabv3_mnv2_dm05_pascal_quant.tflite", {}, 1, 1, 1, true);
}
