// Tests for tools/flatnn/compare.hpp (`flatnn compare`): real models agree across backends, and a deliberately
// wrong backend is caught at the right tensor.
//
// Divergence detection is checked honestly with a test-only backend: it runs the reference kernels and then
// changes one element of one chosen node's output (by one quantized step, or by a float amount). Every tensor
// before that node must agree; the first divergence must be that node's output, whatever happens downstream.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "flatnn/compare.hpp"
#include "support/shared.hpp"
#ifdef FLATNN_WITH_VULKAN
#include "vulkan/vulkan_test_util.hpp"
#endif

using namespace flatnn;

namespace {

// The reference kernels, with element 0 of node `target`'s first output moved by `delta` after it runs.
struct perturbing_backend {
    static constexpr const char* name = "perturbed";
    reference_backend ref{builtin_op_resolver()};
    size_t target = 0;
    double delta = 1;

    bool claims(const node& n) const { return ref.claims(n); }
    std::string why_not(const node& n) const { return ref.why_not(n); }
    status prepare(node& n) { return ref.prepare(n); }
    status invoke(node& n) {
        FLATNN_TRY(ref.invoke(n));
        if (n.index != target || n.outputs.empty() || !n.out(0).bytes) return status::ok();
        tensor& t = n.out(0);
        switch (t.type) {
            case dtype::uint8: t.data_as<uint8_t>()[0] = uint8_t(t.data_as<uint8_t>()[0] ^ 1); break;
            case dtype::int8: t.data_as<int8_t>()[0] = int8_t(t.data_as<int8_t>()[0] ^ 1); break;
            case dtype::float32: t.data_as<float>()[0] += float(delta); break;
            default: return n.fail("perturbing_backend: unexpected output type");
        }
        return status::ok();
    }
};

const cli::tensor_comparison& first_divergence(const cli::compare_report& r) {
    REQUIRE(r.first_divergence >= 0);
    return r.tensors[size_t(r.first_divergence)];
}

void check_all_agree(const cli::compare_report& r) {
    CHECK(r.first_divergence == -1);
    for (const auto& t : r.tensors) {
        CAPTURE(t.name);
        for (size_t k = 0; k < t.diverged.size(); ++k) CHECK_FALSE(t.diverged[k]);
    }
}

cli::compare_config config(const char* label, std::vector<backend_ref> backends) {
    cli::compare_config c;
    c.label = label;
    c.backends = std::move(backends);
    return c;
}

std::string mobilenet_path() { return test::coral_dir() + "/mobilenet_v1_0.25_128_quant.tflite"; }
std::string float_fixture_path() { return test::test_data_dir() + "/ops/conv_2d_same_s1_relu6_float32/model.tflite"; }

}  // namespace

TEST_CASE("compare: quantized MobileNet v1 agrees bit for bit on reference, cpu and vulkan") {
    if (!test::have_shared()) return;
    auto m = model::from_file(mobilenet_path());
    REQUIRE_MESSAGE(m, m.error().message());
    cpu_backend cpu;
    std::vector<cli::compare_config> configs{config("reference", {}), config("cpu", {make_backend_ref(cpu)})};
#ifdef FLATNN_WITH_VULKAN
    vulkan_backend* vk = test::vulkan_or_skip();
    cpu_backend cpu_for_vulkan;
    if (vk) configs.push_back(config("vulkan", {make_backend_ref(*vk), make_backend_ref(cpu_for_vulkan)}));
#else
    MESSAGE("SKIPPED (vulkan part): built without the Vulkan backend");
#endif
    cli::model_inputs inputs;
    for (uint32_t seed : {1u, 2u}) {
        CAPTURE(seed);
        inputs.seed = seed;
        auto r = cli::compare_backends(*m, configs, inputs, cli::compare_tolerance{});
        REQUIRE_MESSAGE(r, r.error().message());
        // Every tensor the graph computes: the input plus one output per node (31 ops).
        CHECK(r->tensors.size() == 32);
        CHECK(r->tensors.front().node == -1);
        check_all_agree(*r);
        for (const auto& t : r->tensors)
            for (auto d : t.differing) CHECK(d == 0);
#ifdef FLATNN_WITH_VULKAN
        if (vk) CHECK(r->placement.back() == "vulkan 31");  // every node on the device, intermediates downloaded
#endif
    }
}

TEST_CASE("compare: a float fixture agrees within the float bound on reference, cpu (and vulkan)") {
    auto m = model::from_file(float_fixture_path());
    REQUIRE_MESSAGE(m, m.error().message());
    cpu_backend cpu;
    std::vector<cli::compare_config> configs{config("reference", {}), config("cpu", {make_backend_ref(cpu)})};
#ifdef FLATNN_WITH_VULKAN
    cpu_backend cpu_for_vulkan;
    if (vulkan_backend* vk = test::vulkan_or_skip())
        configs.push_back(config("vulkan", {make_backend_ref(*vk), make_backend_ref(cpu_for_vulkan)}));
#endif
    cli::model_inputs inputs;
    auto r = cli::compare_backends(*m, configs, inputs, cli::compare_tolerance{});
    REQUIRE_MESSAGE(r, r.error().message());
    REQUIRE(r->tensors.size() == 2);  // input, conv output
    check_all_agree(*r);
    // With no tolerance at all, SIMD summation order shows up as a (reported, tiny) difference or none: either
    // way the largest difference stays within the float bound just checked.
    for (double d : r->tensors[1].max_abs) CHECK(d < 1e-3);
}

TEST_CASE("compare: a backend that changes one node's output is caught at that node's output") {
    if (!test::have_shared()) return;
    auto m = model::from_file(mobilenet_path());
    REQUIRE_MESSAGE(m, m.error().message());
    cli::model_inputs inputs;
    for (size_t target : {size_t(0), size_t(7), size_t(29)}) {
        CAPTURE(target);
        perturbing_backend bad;
        bad.target = target;
        cpu_backend cpu;
        std::vector<cli::compare_config> configs{config("reference", {}), config("cpu", {make_backend_ref(cpu)}),
                                                 config("perturbed", {make_backend_ref(bad)})};
        auto r = cli::compare_backends(*m, configs, inputs, cli::compare_tolerance{});
        REQUIRE_MESSAGE(r, r.error().message());
        const auto& t = first_divergence(*r);
        CHECK(t.node == int(target));
        CHECK(r->labels[size_t(r->first_divergence_config)] == "perturbed");
        CHECK(t.max_steps[1] == 1);   // the perturbed run: one step...
        CHECK(t.differing[1] == 1);   // ...in one element
        CHECK_FALSE(t.diverged[0]);   // cpu agrees
        CHECK(t.max_abs[1] == doctest::Approx(double(m->subgraph(0).tensors[t.tensor].quant.scale[0])));
        // Tensors before it agree everywhere.
        for (int i = 0; i < r->first_divergence; ++i) CHECK_FALSE(r->tensors[size_t(i)].any_diverged());
        // A tolerance of one step accepts that node's change (downstream may still move more).
        cli::compare_tolerance one_step;
        one_step.atol_int = 1;
        auto loose = cli::compare_backends(*m, configs, inputs, one_step);
        REQUIRE(loose);
        CHECK(loose->first_divergence != r->first_divergence);
    }
}

TEST_CASE("compare: float divergence obeys atol + rtol") {
    auto m = model::from_file(float_fixture_path());
    REQUIRE_MESSAGE(m, m.error().message());
    cli::model_inputs inputs;
    perturbing_backend bad;
    bad.target = 0;
    SUBCASE("a change far beyond the bound diverges") {
        bad.delta = 0.5;
        auto r = cli::compare_backends(*m, {config("reference", {}), config("perturbed", {make_backend_ref(bad)})},
                                       inputs, cli::compare_tolerance{});
        REQUIRE(r);
        const auto& t = first_divergence(*r);
        CHECK(t.node == 0);
        CHECK(t.max_abs[0] == doctest::Approx(0.5).epsilon(1e-3));
    }
    SUBCASE("a change within the bound is reported but does not diverge") {
        bad.delta = 2e-5;
        auto r = cli::compare_backends(*m, {config("reference", {}), config("perturbed", {make_backend_ref(bad)})},
                                       inputs, cli::compare_tolerance{});
        REQUIRE(r);
        CHECK(r->first_divergence == -1);
        CHECK(r->tensors[1].differing[0] == 1);
        CHECK(r->tensors[1].max_abs[0] > 0);
    }
}

TEST_CASE("compare: fewer than two configurations are refused; a missing input file is an error") {
    auto m = model::from_file(float_fixture_path());
    REQUIRE(m);
    cli::model_inputs inputs;
    auto one = cli::compare_backends(*m, {config("reference", {})}, inputs, cli::compare_tolerance{});
    CHECK_FALSE(one);
    inputs.files = {"/nonexistent/in.npy"};
    CHECK_FALSE(inputs.load());
}

TEST_CASE("interpreter_options::keep_all_tensors: no two tensors share arena bytes") {
    if (!test::have_shared()) return;
    auto m = model::from_file(mobilenet_path());
    REQUIRE_MESSAGE(m, m.error().message());
    for (bool keep : {false, true}) {
        CAPTURE(keep);
        interpreter_options o;
        o.keep_all_tensors = keep;
        interpreter it(*m, o);
        REQUIRE(it.allocate());
        size_t overlaps = 0, total = 0;
        for (size_t i = 0; i < it.tensor_count(); ++i) {
            if (!it.tensor_in_arena(i)) continue;
            total += it.tensor_at(i).bytes;
            for (size_t j = i + 1; j < it.tensor_count(); ++j) {
                if (!it.tensor_in_arena(j)) continue;
                const size_t a = it.tensor_offset(i), b = it.tensor_offset(j);
                if (a < b + it.tensor_at(j).bytes && b < a + it.tensor_at(i).bytes) ++overlaps;
            }
        }
        if (keep) {
            CHECK(overlaps == 0);
            CHECK(it.arena_bytes() >= total);
        } else {
            CHECK(overlaps > 0);  // the default plan reuses memory (this is what keep_all_tensors turns off)
        }
    }
}
