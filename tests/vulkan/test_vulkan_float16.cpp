// Float16 storage on Vulkan (vulkan_backend_options::float16_storage). The shaders load float16, compute in
// float32 exactly as the float32 variants do, and store float16. So on inputs and constants that are already
// float16 values, a one-op model's float16 output is exactly the float32 output rounded to float16: the whole
// error is the rounding of what is stored (the bound in docs/architecture.md follows from that). Checked
// bit-exactly on every float fixture the backend runs; 8-bit fixtures stay bit-exact with the reference.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <iterator>

#include "support/shared.hpp"
#include "vulkan/vulkan_test_util.hpp"

using namespace flatnn;

namespace {

std::vector<uint8_t> read_bytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

float to_half_value(float f) { return half_to_float(float_to_half(f)); }

// The backend with float16 storage, or nullptr after saying why not (a device without 16-bit storage).
vulkan_backend* half_backend() {
    static std::unique_ptr<vulkan_backend> b;
    static std::string why;
    if (!b && why.empty()) {
        vulkan_backend_options o;
        o.float16_storage = true;
        auto r = vulkan_backend::create(o);
        if (r) b = std::move(r.value());
        else why = r.error().message();
    }
    if (!b) MESSAGE("SKIPPED: float16 storage unavailable: " << why);
    return b.get();
}

bool ends_with(const std::string& s, const char* t) {
    const std::string e(t);
    return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

}  // namespace

TEST_CASE("vulkan float16 storage: one-op float fixtures give the float32 result rounded once to float16") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk) return;
    vulkan_backend* vh = half_backend();
    if (!vh) {
        CHECK_MESSAGE(!vk->context().storage_16bit, "the device has 16-bit storage, but float16 storage failed");
        return;
    }
    size_t checked = 0, elements = 0;
    double worst_rel = 0;  // of float16 against the float32 Vulkan result in the normal float16 range
    for (const std::string& name : test::op_fixture_names()) {
        if (!ends_with(name, "_float32")) continue;
        CAPTURE(name);
        // Constants rounded to float16 values in a private copy of the model (interpreters read it in place).
        std::vector<uint8_t> bytes = read_bytes(test::test_data_dir() + "/ops/" + name + "/model.tflite");
        auto m = model::from_memory(bytes.data(), bytes.size());
        REQUIRE_MESSAGE(m, m.error().message());
        interpreter_options o32, o16;
        o32.backends = {make_backend_ref(*vk)};
        o16.backends = {make_backend_ref(*vh)};
        interpreter f32(*m, o32), f16(*m, o16);
        for (size_t i = 0; i < f32.tensor_count(); ++i) {
            tensor& t = f32.tensor_at(i);
            if (t.is_constant && t.type == dtype::float32 && t.data)
                for (int64_t k = 0; k < t.num_elements(); ++k) t.data_as<float>()[k] = to_half_value(t.data_as<float>()[k]);
        }
        REQUIRE(f32.allocate());
        REQUIRE(f16.allocate());
        if (f16.nodes().size() != 1 || test::nodes_on(f16, "vulkan") != 1 || test::nodes_on(f32, "vulkan") != 1)
            continue;  // ops the backend leaves to the CPU, and chains (rounded between ops)
        std::mt19937 rng(uint32_t(name.size() * 31 + 7));
        for (size_t i = 0; i < f32.input_count(); ++i) {
            tensor& a = f32.input(i);
            test::fill_random(rng, a);
            if (a.type == dtype::float32)
                for (int64_t k = 0; k < a.num_elements(); ++k) a.data_as<float>()[k] = to_half_value(a.data_as<float>()[k]);
            std::memcpy(f16.input(i).data, a.data, a.bytes);
        }
        REQUIRE(f32.invoke());
        REQUIRE(f16.invoke());
        for (size_t o = 0; o < f32.output_count(); ++o) {
            const tensor& want = f32.output(o);
            const tensor& got = f16.output(o);
            REQUIRE(got.bytes == want.bytes);
            if (want.type != dtype::float32) {  // ARG_MAX: the index of the maximum of float16 inputs
                CHECK(std::memcmp(got.data, want.data, got.bytes) == 0);
                continue;
            }
            size_t differing = 0;
            for (int64_t k = 0; k < want.num_elements(); ++k) {
                const float w = want.data_as<float>()[k], g = got.data_as<float>()[k];
                const float expect = to_half_value(w);
                if (!(g == expect || (std::isnan(g) && std::isnan(expect)))) ++differing;
                if (std::fabs(w) >= std::ldexp(1.0f, -14) && std::fabs(w) <= 65504.0f) worst_rel = std::max(worst_rel, std::fabs(double(g) - w) / std::fabs(w));
            }
            CHECK_MESSAGE(differing == 0, differing << " of " << want.num_elements() << " elements of output " << o
                                                    << " are not the float32 result rounded to float16");
            elements += size_t(want.num_elements());
        }
        ++checked;
    }
    MESSAGE("float16 storage: " << checked << " one-op float fixtures, " << elements
                                << " elements exact; largest relative change from float32 " << worst_rel
                                << " (rounding to nearest float16: at most 2^-11 = " << std::ldexp(1.0, -11) << ")");
    CHECK(checked >= 30);
    CHECK(worst_rel <= std::ldexp(1.0, -11));
}

TEST_CASE("vulkan float16 storage: 8-bit fixtures stay bit-exact with the reference") {
    if (!test::vulkan_or_skip()) return;
    vulkan_backend* vh = half_backend();
    if (!vh) return;
    size_t compared = 0;
    for (const std::string& name : test::op_fixture_names()) {
        if (!ends_with(name, "_int8") && !ends_with(name, "_uint8")) continue;
        CAPTURE(name);
        auto m = model::from_file(test::test_data_dir() + "/ops/" + name + "/model.tflite");
        REQUIRE_MESSAGE(m, m.error().message());
        std::mt19937 rng(uint32_t(name.size()));
        auto fill = [&](size_t, tensor& t) { test::fill_random(rng, t); };
        std::mt19937 keep = rng;
        auto got = test::run_model(*m, {make_backend_ref(*vh)}, fill);
        rng = keep;
        auto want = test::run_model(*m, {}, fill);
        REQUIRE_MESSAGE(got.s, got.s.message());
        REQUIRE_MESSAGE(want.s, want.s.message());
        if (test::nodes_on(*got.it, "vulkan") == 0) continue;
        for (size_t o = 0; o < got.it->output_count(); ++o) {
            double worst = 0;
            CHECK(test::count_differences(got.it->output(o), want.it->output(o), worst) == 0);
        }
        ++compared;
    }
    MESSAGE("float16 storage: " << compared << " 8-bit fixtures with Vulkan nodes, all bit-exact");
    CHECK(compared >= 40);
}
