#pragma once
// Shared by the Vulkan tests: one backend per test binary (device creation is slow on lavapipe), the visible
// skip when no Vulkan loader or device is present (FLATNN_REQUIRE_VULKAN=1 turns that into a failure: CI sets
// it), and comparison of two interpreters' outputs.
#include <dirent.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/vulkan/vulkan.hpp"
#include "support/shared.hpp"

namespace flatnn::test {

struct vulkan_probe {
    std::unique_ptr<vulkan_backend> backend;
    std::string why;  // why there is none
};

inline vulkan_probe& vulkan_device() {
    static vulkan_probe p = [] {
        vulkan_probe r;
        auto b = vulkan_backend::create();
        if (b) r.backend = std::move(b.value());
        else r.why = b.error().message();
        return r;
    }();
    return p;
}

inline bool vulkan_required() {
    const char* e = std::getenv("FLATNN_REQUIRE_VULKAN");
    return e && std::string(e) == "1";
}

// The backend, or nullptr after saying visibly why the test does not run (failing when Vulkan is required).
inline vulkan_backend* vulkan_or_skip() {
    vulkan_probe& p = vulkan_device();
    if (p.backend) return p.backend.get();
    if (vulkan_required()) FAIL("FLATNN_REQUIRE_VULKAN=1 but no Vulkan device: " << p.why);
    MESSAGE("SKIPPED: no Vulkan device (" << p.why << "); the Vulkan backend test did not run");
    return nullptr;
}

// Runs `m` on the backends given (the reference backend last, as always) with inputs filled by `fill`.
struct run_result {
    std::unique_ptr<interpreter> it;
    status s;
};

template <class Fill>
run_result run_model(const model& m, std::vector<backend_ref> backends, Fill&& fill) {
    interpreter_options o;
    o.backends = std::move(backends);
    run_result r;
    r.it = std::make_unique<interpreter>(m, o);
    r.s = r.it->allocate();
    if (!r.s) return r;
    for (size_t i = 0; i < r.it->input_count(); ++i) fill(i, r.it->input(i));
    r.s = r.it->invoke();
    return r;
}

// Random bytes valid for the tensor's type (floats in [-2, 2]).
inline void fill_random(std::mt19937& rng, tensor& t) {
    if (t.type == dtype::float32) {
        std::uniform_real_distribution<float> d(-2.0f, 2.0f);
        for (int64_t i = 0; i < t.num_elements(); ++i) t.data_as<float>()[i] = d(rng);
    } else {
        std::uniform_int_distribution<int> d(0, 255);
        for (size_t i = 0; i < t.bytes; ++i) t.data[i] = uint8_t(d(rng));
    }
}

// Float bound of the Vulkan kernels against the reference: |diff| <= 1e-4 * (1 + |expected|). The shaders sum
// in the reference order, but the driver may contract a*b+c into one fused multiply-add, and GLSL's exp and
// division are not correctly rounded.
// NaN matches only NaN (random inputs reach LOG, SQRT, POW outside their domain), infinity only itself.
inline bool float_close(float got, float want) {
    if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want);
    if (std::isinf(got) || std::isinf(want)) return got == want;
    return std::fabs(double(got) - double(want)) <= 1e-4 * (1.0 + std::fabs(double(want)));
}

// Number of elements of `got` that differ from `want` (bit-exact for integers, the float bound for floats).
inline size_t count_differences(const tensor& got, const tensor& want, double& worst) {
    size_t differing = 0;
    worst = 0;
    if (got.type == dtype::float32) {
        for (int64_t i = 0; i < got.num_elements(); ++i) {
            const float a = got.data_as<float>()[i], b = want.data_as<float>()[i];
            if (!float_close(a, b)) ++differing, worst = std::max(worst, std::fabs(double(a) - double(b)));
        }
        return differing;
    }
    for (size_t i = 0; i < got.bytes; ++i)
        if (got.data[i] != want.data[i]) {
            ++differing;
            worst = std::max(worst, std::fabs(double(got.data[i]) - double(want.data[i])));
        }
    return differing;
}

// The op fixtures in tests/data/ops (directories with a model.tflite), sorted.
inline std::vector<std::string> op_fixture_names() {
    std::vector<std::string> out;
    const std::string root = test_data_dir() + "/ops";
    if (DIR* d = ::opendir(root.c_str())) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.' && path_exists(root + "/" + e->d_name + "/model.tflite")) out.push_back(e->d_name);
        ::closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

inline size_t nodes_on(const interpreter& it, const char* backend_name) {
    size_t n = 0;
    for (const node& nd : it.nodes())
        if (std::string(it.backends()[size_t(nd.backend)].name) == backend_name) ++n;
    return n;
}

}  // namespace flatnn::test
