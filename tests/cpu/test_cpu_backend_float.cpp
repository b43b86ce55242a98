// The CPU backend on float32 MobileNet v1 and v2 (bench/make_models.py builds them into <build>/bench/models), op
// by op: every node's output on the cpu backend is compared with the reference kernel run on the very same inputs
// (recorded from the cpu run and fed to a reference-backend interpreter node by node), at every SIMD level this
// machine runs, with 1 and 2 threads; invoke allocates nothing. The tolerance per node is |cpu - reference| <=
// 1e-4 * max |reference output of that node|: empirical, with a wide margin over the measured differences (which
// are printed); the unit tests check each kernel against its exact rounding bound (tests/cpu/float_bound.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/flatnn.hpp"
#include "support/alloc_counter.hpp"
#include "support/shared.hpp"

namespace {
using namespace flatnn;

// Records each node's non-constant inputs and first output (bytes), by node index.
struct recorder : node_observer {
    std::vector<std::vector<std::vector<uint8_t>>> inputs;
    std::vector<std::vector<uint8_t>> outputs;
    void begin(const node& n) override {
        if (inputs.size() <= n.index) inputs.resize(n.index + 1), outputs.resize(n.index + 1);
        auto& v = inputs[n.index];
        v.assign(n.inputs.size(), {});
        for (size_t i = 0; i < n.inputs.size(); ++i)
            if (n.has_input(i) && !n.in(i).is_constant) v[i].assign(n.in(i).data, n.in(i).data + n.in(i).bytes);
    }
    void end(const node& n) override { outputs[n.index].assign(n.out(0).data, n.out(0).data + n.out(0).bytes); }
};

// Feeds a reference interpreter the recorded inputs node by node and compares each float output.
struct comparer : node_observer {
    const recorder* rec = nullptr;
    int compared = 0, nonzero = 0, failures = 0;
    double worst = 0;  // max over nodes of max|diff| / max|ref|
    std::string first_failure;
    void begin(const node& n) override {
        const auto& v = rec->inputs[n.index];
        for (size_t i = 0; i < v.size(); ++i)
            if (!v[i].empty() && v[i].size() == n.in(i).bytes) std::memcpy(n.in(i).data, v[i].data(), v[i].size());
    }
    void end(const node& n) override {
        const tensor& o = n.out(0);
        const auto& got = rec->outputs[n.index];
        if (o.type != dtype::float32 || got.size() != o.bytes) return;
        const float* want = o.data_as<float>();
        const float* g = reinterpret_cast<const float*>(got.data());
        double scale = 0, diff = 0;
        for (int64_t k = 0; k < o.num_elements(); ++k) {
            scale = std::max(scale, std::fabs(double(want[k])));
            const double d = std::fabs(double(g[k]) - double(want[k]));
            diff = std::isnan(d) ? INFINITY : std::max(diff, d);
        }
        ++compared;
        if (scale > 0) ++nonzero, worst = std::max(worst, diff / scale);
        if (!(diff <= 1e-4 * scale) && failures++ == 0)
            first_failure = "op " + std::to_string(n.index) + " (" + n.name + "): max diff " + std::to_string(diff) +
                            " for max |reference| " + std::to_string(scale);
    }
};

void fill_inputs(interpreter& it, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    for (size_t i = 0; i < it.input_count(); ++i) {
        REQUIRE(it.input(i).type == dtype::float32);
        float* x = it.input(i).data_as<float>();
        for (int64_t k = 0; k < it.input(i).num_elements(); ++k) x[k] = d(rng);
    }
}

TEST_CASE("cpu backend float32 MobileNets: every node within tolerance of the reference kernel on its inputs") {
    const std::string dir = std::string(FLATNN_BINARY_DIR) + "/bench/models/";
    for (const std::string name : {"mobilenet_v1_float32.tflite", "mobilenet_v2_float32.tflite"}) {
        if (!test::path_exists(dir + name)) {
            MESSAGE("SKIPPED: " << dir << name << " is absent (build the bench_models target)");
            continue;
        }
        auto m = model::from_file(dir + name);
        REQUIRE(m);
        interpreter ref(*m);
        REQUIRE(ref.allocate());
        for (cpu::simd_level level : test::runnable_simd_levels())
            for (int threads : {1, 2}) {
                cpu_backend_options o;
                o.threads = threads;
                o.max_arch = level;
                o.fuse = cpu_backend_options::fusion::never;  // every node writes its output, for the recorder
                cpu_backend cpu(o);
                interpreter_options options;
                options.backends.push_back(make_backend_ref(cpu));
                interpreter it(*m, options);
                REQUIRE(it.allocate());
                fill_inputs(it, 11);
                REQUIRE(it.invoke());
                const long before = test::allocations();
                REQUIRE(it.invoke());
                CHECK(test::allocations() == before);
                recorder rec;
                it.set_observer(&rec);
                REQUIRE(it.invoke());
                comparer cmp;
                cmp.rec = &rec;
                ref.set_observer(&cmp);
                REQUIRE(ref.invoke());
                ref.set_observer(nullptr);
                MESSAGE(name << " at " << std::string(cpu::simd_level_name(cpu.level())) << ", " << threads << " threads: "
                             << cmp.compared << " nodes compared (" << cmp.nonzero << " with non-zero output), worst "
                             << "max|diff| / max|reference| " << cmp.worst);
                INFO(name << " at " << std::string(cpu::simd_level_name(cpu.level())) << ", " << threads << " threads: "
                          << cmp.first_failure);
                CHECK(cmp.failures == 0);
                CHECK(cmp.compared > 30);
                CHECK(cmp.nonzero > cmp.compared / 2);

                // Fused (as the backend runs by default, and with every pair fused): the very same output bits,
                // since a fused pair computes each row with the unfused kernels.
                for (auto fuse : {cpu_backend_options::fusion::where_it_pays, cpu_backend_options::fusion::always}) {
                    o.fuse = fuse;
                    cpu_backend fused_cpu(o);
                    interpreter_options fo;
                    fo.backends.push_back(make_backend_ref(fused_cpu));
                    interpreter fit(*m, fo);
                    REQUIRE(fit.allocate());
                    int fused = 0;
                    for (const node& n : fit.nodes()) fused += n.fused_into >= 0;
                    CHECK(fused >= (fuse == cpu_backend_options::fusion::always ? 13 : 4));
                    fill_inputs(fit, 11);
                    REQUIRE(fit.invoke());
                    const long fused_before = test::allocations();
                    REQUIRE(fit.invoke());
                    CHECK(test::allocations() == fused_before);
                    REQUIRE(it.invoke());
                    INFO(name << " fused " << fused << " pairs, " << threads << " threads");
                    REQUIRE(fit.output(0).bytes == it.output(0).bytes);
                    CHECK(std::memcmp(fit.output(0).data, it.output(0).data, it.output(0).bytes) == 0);
                }
            }
    }
}

}  // namespace
