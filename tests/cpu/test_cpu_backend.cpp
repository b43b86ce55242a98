// The CPU backend on real models: every output byte equals the reference backend's, at every SIMD level this
// machine runs and with 1 and 2 threads; invoke allocates nothing.
#include <doctest/doctest.h>

#include <cstring>
#include <random>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/flatnn.hpp"
#include "support/alloc_counter.hpp"
#include "support/shared.hpp"

namespace {
using namespace flatnn;

std::vector<std::vector<uint8_t>> run_model(const model& m, interpreter_options options, uint32_t seed,
                                            size_t* allocations = nullptr) {
    interpreter it(m, std::move(options));
    REQUIRE(it.allocate());
    std::mt19937 rng(seed);
    for (size_t i = 0; i < it.input_count(); ++i)
        for (size_t b = 0; b < it.input(i).bytes; ++b) it.input(i).data[b] = uint8_t(rng());
    REQUIRE(it.invoke());  // first run may touch lazily created state; count the second
    const long before = test::allocations();
    REQUIRE(it.invoke());
    if (allocations) *allocations = size_t(test::allocations() - before);
    std::vector<std::vector<uint8_t>> outs;
    for (size_t i = 0; i < it.output_count(); ++i)
        outs.emplace_back(it.output(i).data, it.output(i).data + it.output(i).bytes);
    return outs;
}

TEST_CASE("cpu backend output equals the reference backend on the coral quantized MobileNets") {
    if (!test::have_shared()) return;
    // The int8 MobileNets bench/make_models.py writes into the build tree add int8 per-channel FULLY_CONNECTED.
    const std::string generated = std::string(FLATNN_BINARY_DIR) + "/bench/models/";
    for (const std::string& path :
         {test::coral_dir() + "/mobilenet_v1_0.25_128_quant.tflite", test::coral_dir() + "/mobilenet_v2_1.0_224_quant.tflite",
          generated + "mobilenet_v1_int8.tflite", generated + "mobilenet_v2_int8.tflite"}) {
        if (!test::path_exists(path)) {
            MESSAGE("SKIPPED: " << path << " is absent (build the bench_models target)");
            continue;
        }
        const std::string& name = path;
        auto m = model::from_file(path);
        REQUIRE(m);
        const auto want = run_model(*m, {}, 7);
        for (cpu::simd_level level : test::runnable_simd_levels())
            for (int threads : {1, 2}) {
                cpu_backend_options o;
                o.threads = threads;
                o.max_arch = level;
                cpu_backend cpu(o);
                interpreter_options options;
                options.backends.push_back(make_backend_ref(cpu));
                size_t allocations = 1;
                const auto got = run_model(*m, options, 7, &allocations);
                INFO(name << " at " << cpu::simd_level_name(cpu.level()) << ", " << threads << " threads");
                CHECK(got == want);
                CHECK(allocations == 0);
            }
    }
}

}  // namespace
