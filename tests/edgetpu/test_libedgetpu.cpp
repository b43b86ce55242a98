// The libedgetpu shim against the project's fake libedgetpu (tests/edgetpu/fake_libedgetpu): loading, the
// TensorFlow-commit check, device selection, the +8 context rule, the custom-op flow and the copy that keeps the
// caller's inputs intact. A user-installed libedgetpu, when present, is only loaded (no device is assumed).
#include <doctest/doctest.h>

#include <dlfcn.h>

#include <cstring>
#include <string>

#include "edgetpu/edgetpu_test_util.hpp"
#include "flatnn/edgetpu/libedgetpu.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;

#ifdef FLATNN_FAKE_LIBEDGETPU_DIR
namespace {
const std::string fake_good = std::string(FLATNN_FAKE_LIBEDGETPU_DIR) + "/good/libedgetpu.so.1";
const std::string fake_other = std::string(FLATNN_FAKE_LIBEDGETPU_DIR) + "/other_tf/libedgetpu.so.1";

struct fake_stats {
    int inits, prepares, invokes, frees;
    size_t options_bytes;
    int context_checks_failed;
};
const fake_stats* stats_of(const std::string& path) {
    void* h = ::dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (!h) return nullptr;
    auto fn = reinterpret_cast<const fake_stats* (*)()>(::dlsym(h, "fake_libedgetpu_stats"));
    ::dlclose(h);
    return fn ? fn() : nullptr;
}
}  // namespace

TEST_CASE("edgetpu libedgetpu: a missing library lists what was searched and names the CPU twin") {
    et::libedgetpu_options o;
    o.paths = {"/nonexistent/libedgetpu.so.1", "libedgetpu-not-installed.so.1"};
    o.model_path = "/models/x_edgetpu.tflite";
    auto d = et::libedgetpu_device::open(o);
    REQUIRE_FALSE(d.is_ok());
    const std::string& m = d.error().message();
    CHECK(m.find("/nonexistent/libedgetpu.so.1") != std::string::npos);
    CHECK(m.find("libedgetpu-not-installed.so.1") != std::string::npos);
    CHECK(m.find("/models/x.tflite") != std::string::npos);
}

TEST_CASE("edgetpu libedgetpu: a library built against another TensorFlow is refused") {
    et::libedgetpu_options o;
    o.paths = {fake_other};
    auto d = et::libedgetpu_device::open(o);
    REQUIRE_FALSE(d.is_ok());
    CHECK(d.error().message().find("0123456789abcdef0123456789abcdef01234567") != std::string::npos);
    CHECK(d.error().message().find("a4dfb8d1a71385bd6d122e4f27f86dcebb96712d") != std::string::npos);
}

TEST_CASE("edgetpu libedgetpu: device selection") {
    et::libedgetpu_options o;
    o.paths = {fake_good};
    o.device = "pci";
    o.model_path = "/m/y_edgetpu.tflite";
    auto none = et::libedgetpu_device::open(o);
    REQUIRE_FALSE(none.is_ok());
    CHECK(none.error().message().find("no Edge TPU 'pci' found") != std::string::npos);
    CHECK(none.error().message().find("/m/y.tflite") != std::string::npos);
    o.device = "usb:1";
    CHECK_FALSE(et::libedgetpu_device::open(o).is_ok());
    o.device = "usb:0";
    auto d = et::libedgetpu_device::open(o);
    REQUIRE_MESSAGE(d.is_ok(), d.error().message());
    CHECK((*d)->device_path() == "/sys/bus/usb/devices/fake-1");
    CHECK((*d)->version() == "BuildLabel(fake), RuntimeVersion(14)");
    o.device = "tpu";
    CHECK_FALSE(et::libedgetpu_device::open(o).is_ok());
}

TEST_CASE("edgetpu libedgetpu: a compiled model runs through the custom-op flow") {
    if (!have_shared()) return;
    et::libedgetpu_options o;
    o.paths = {fake_good};
    auto d = et::libedgetpu_device::open(o);
    REQUIRE_MESSAGE(d.is_ok(), d.error().message());
    auto m = model::from_file(coral_dir() + "/mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    REQUIRE(m.is_ok());
    const fake_stats* stats = stats_of(fake_good);
    REQUIRE(stats != nullptr);
    const fake_stats before = *stats;
    {
        et::libedgetpu_backend tpu(**d);
        interpreter_options io;
        io.backends = {make_backend_ref(tpu)};
        interpreter it(*m, io);
        const status a = it.allocate();
        REQUIRE_MESSAGE(a.is_ok(), a.message());
        CHECK(stats->inits == before.inits + 1);
        CHECK(stats->prepares == before.prepares + 1);
        CHECK(stats->options_bytes == 778324);
        tensor& in = it.input(0);
        for (size_t k = 0; k < in.bytes; ++k) in.data[k] = uint8_t(k * 7 + 3);
        const status s = it.invoke();
        REQUIRE_MESSAGE(s.is_ok(), s.message());
        CHECK(stats->invokes == before.invokes + 1);
        CHECK(stats->context_checks_failed == 0);
        bool input_intact = true;
        for (size_t k = 0; k < in.bytes; ++k) input_intact = input_intact && in.data[k] == uint8_t(k * 7 + 3);
        CHECK(input_intact);
        const tensor& out = it.output(0);
        REQUIRE(out.bytes == 1001);
        bool output_ok = true;
        for (size_t k = 0; k < out.bytes; ++k) output_ok = output_ok && out.data[k] == uint8_t(uint8_t(k * 7 + 3) + 1);
        CHECK(output_ok);
    }
    CHECK(stats->frees == before.frees + 1);  // the node state released the library's user data
}
#endif

TEST_CASE("edgetpu libedgetpu: a user-installed libedgetpu (integration)") {
    auto d = et::libedgetpu_device::open();
    if (!d) {
        MESSAGE("SKIPPED: no usable user-installed libedgetpu.so.1 / Edge TPU: " << d.error().message());
        return;
    }
    MESSAGE("libedgetpu " << (*d)->version() << " at " << (*d)->file() << ", device " << (*d)->device_path());
}
