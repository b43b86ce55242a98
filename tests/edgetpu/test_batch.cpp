// Batch > 1 (edgetpu.md §6 item 2: batch = dims[0] when dims[0] x layer size equals the tensor's bytes): a real
// model's input resized to a batch of 2 runs the executable twice, one element after the other. The simulated
// device checks each run's input bytes against that element of the tensor; each element of the output holds
// that run's canned tiles, re-laid out by the formula written out in the test. Inconsistent sizes are refused.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "edgetpu/edgetpu_test_util.hpp"
#include "edgetpu/simulated_device.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;

namespace {

// YXZ bytes of a tiled output (edgetpu.md §6 item 4), independently of host.hpp; unsigned layers only.
std::vector<uint8_t> untile(const et::layer& l, const std::vector<uint8_t>& raw) {
    std::vector<uint8_t> out;
    for (int y = 0; y < l.y; ++y)
        for (int x = 0; x < l.x; ++x) {
            size_t at = 0;
            if (!l.layout.empty()) {
                const auto& o = l.layout;
                at = size_t(o.tile_byte_offset[size_t(o.y_tile[size_t(y)] + o.x_tile[size_t(x)])] +
                            o.y_local_offset[size_t(y)] * o.x_row_size[size_t(x)] + o.x_local_byte_offset[size_t(x)]);
            } else {
                at = (size_t(y) * size_t(l.x) + size_t(x)) * size_t(l.z);
            }
            out.insert(out.end(), raw.begin() + long(at), raw.begin() + long(at) + l.z);
        }
    return out;
}

struct batch_fixture {
    result<model> m = status::error("not loaded");
    simulated_device dev;
    et::device_context ctx{dev};
    et::edgetpu_backend tpu{&ctx};
    std::unique_ptr<interpreter> it;
    explicit batch_fixture(const std::string& relative) {
        m = model::from_file(coral_dir() + "/" + relative);
        REQUIRE(m.is_ok());
        interpreter_options o;
        o.backends = {make_backend_ref(tpu)};
        it = std::make_unique<interpreter>(*m, o);
    }
};

}  // namespace

TEST_CASE("edgetpu batch: a batch of 2 runs the executable once per element") {
    if (!have_shared()) return;
    batch_fixture f("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    REQUIRE(f.it->resize_input(0, shape{2, 128, 128, 3}));
    const status a = f.it->allocate();
    REQUIRE_MESSAGE(a.is_ok(), a.message());
    CHECK(f.it->output(0).dims == shape{2, 1001});
    const node& n = f.it->nodes()[0];
    const auto& st = n.get<et::edgetpu_node_state>();
    CHECK(st.batches == 2);
    const et::executable& e = st.pkg.main_executable();
    f.dev.add_package(st.pkg);
    f.dev.vary_outputs(true);
    tensor& in = f.it->input(0);
    REQUIRE(in.bytes == 2 * 49152);
    f.dev.expect_input("input", &in.data, &in.bytes, 2);
    std::mt19937 rng(5);
    for (size_t k = 0; k < in.bytes; ++k) in.data[k] = uint8_t(rng());
    const std::vector<uint8_t> before(in.data, in.data + in.bytes);
    for (size_t invoke = 0; invoke < 2; ++invoke) {
        CAPTURE(invoke);
        const status s = f.it->invoke();
        REQUIRE_MESSAGE(s.is_ok(), s.message());
        CHECK(f.dev.errors().empty());
        CHECK(f.dev.idle());
        CHECK(f.dev.input_bytes() == (invoke + 1) * 2 * 49152);
        // The second element went last: its bytes are the device's last input.
        CHECK(f.dev.last_input("input") == std::vector<uint8_t>(in.data + 49152, in.data + 2 * 49152));
        const tensor& out = f.it->output(0);
        REQUIRE(out.bytes == 2 * 1001);
        for (size_t b = 0; b < 2; ++b) {
            CAPTURE(b);
            const std::vector<uint8_t> want = untile(e.outputs[0], f.dev.canned_output(e.outputs[0], invoke * 2 + b));
            CHECK(std::vector<uint8_t>(out.data + b * 1001, out.data + (b + 1) * 1001) == want);
        }
        CHECK(std::vector<uint8_t>(in.data, in.data + in.bytes) == before);
    }
    // Both elements' outputs differ (the device varied them), so a host writing one element twice would fail.
    CHECK(f.dev.canned_output(e.outputs[0], 0) != f.dev.canned_output(e.outputs[0], 1));
    CHECK(f.dev.completed_runs() == 5);            // parameter caching once, then 2 x 2 elements
    CHECK(f.dev.parameter_bytes() == 566912);      // cached once for every element
}

TEST_CASE("edgetpu batch: sizes that are neither one element nor a batch are refused") {
    if (!have_shared()) return;
    SUBCASE("input of no whole number of elements") {
        batch_fixture f("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
        REQUIRE(f.it->resize_input(0, shape{2, 128, 128, 2}));
        const status s = f.it->allocate();
        REQUIRE_FALSE(s.is_ok());
        CHECK(s.message().find("input 0 'input' of shape [2,128,128,2] has 65536 bytes but layer 'input' (128x128x3) "
                               "has 49152 (a batch of dims[0] = 2 would need 98304)") != std::string::npos);
    }
    SUBCASE("inputs with different batches") {
        batch_fixture f("tools/split_concat_edgetpu.tflite");
        REQUIRE(f.it->input_count() == 3);
        shape s0 = f.it->input(0).dims;
        REQUIRE(s0.rank() >= 1);
        REQUIRE(s0[0] == 1);
        s0[0] = 2;
        REQUIRE(f.it->resize_input(0, s0));
        const status s = f.it->allocate();
        REQUIRE_FALSE(s.is_ok());
        CHECK(s.message().find("holds a batch of 1 but input") != std::string::npos);
        CHECK(s.message().find("one of 2: every input needs the same batch") != std::string::npos);
    }
}
