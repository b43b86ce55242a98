// LSTM state round trip (edgetpu.md §6 item 2) on a synthetic model shaped like keras_lstm_mnist_ptq (§1.3 table):
// an int8 input plus an int8 and an int16 state input, the matching `<input>_variable_output` outputs, hints
// `I0,P576,A784,A24,A40` that are not fully deterministic (no outfeed, no interrupt: the device announces its
// output DMAs). Checks, against bytes the test derives from the device's canned outputs: each invoke's state
// output comes back as the next invoke's state input on the wire (sign flip on the way out and in), the state
// tensors hold the sign-restored outputs, the caller's input is untouched, and mismatched state names or sizes
// are refused in prepare.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "edgetpu/darwinn_builder.hpp"
#include "edgetpu/edgetpu_test_util.hpp"
#include "edgetpu/simulated_device.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;
namespace dw = flatnn::test::darwinn;

namespace {

constexpr int8_t tfl_int8 = 9, tfl_int16 = 7;
constexpr uint64_t lstm_token = 0x6cad28922f0b3db3ull;

struct lstm_spec {
    std::string state_h_output = "state_h_variable_output";
    int32_t state_h_output_z = 20;
};

dw::layer lay(const std::string& name, et::data_type t, int32_t z, int32_t size, int32_t zp, float scale, int32_t x = 1) {
    dw::layer l;
    l.name = name, l.type = t, l.z = z, l.x = x, l.size_bytes = size, l.zero_point = zp, l.scale = scale;
    return l;
}

std::vector<uint8_t> pattern(size_t n, unsigned mul, unsigned add) {
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = uint8_t(i * mul + add);
    return v;
}

std::vector<uint8_t> build_lstm_model(const lstm_spec& spec) {
    using et::data_type;
    using et::description;
    const int32_t hz = spec.state_h_output_z, hsize = (hz + 7) / 8 * 8;
    dw::executable eo;
    eo.type = 2, eo.token = lstm_token, eo.scratch_bytes = 672, eo.fully_deterministic = false;
    eo.bitstream = pattern(256, 7, 3);
    eo.parameters = pattern(576, 13, 1);
    // DarwiNN zero points: TFLite's + 128 (int8) or + 32768 (int16).
    eo.inputs = {lay("input", data_type::signed_fixed_point8, 28, 784, -128 + 128, 1.0f / 256, 28),
                 lay("state_h", data_type::signed_fixed_point8, 20, 24, 5 + 128, 0.01f),
                 lay("state_c", data_type::signed_fixed_point16, 20, 40, 0 + 32768, 1.0f / 2048)};
    eo.outputs = {lay("output", data_type::signed_fixed_point8, 10, 16, -3 + 128, 0.1f),
                  lay(spec.state_h_output, data_type::signed_fixed_point8, hz, hsize, 5 + 128, 0.01f),
                  lay("state_c_variable_output", data_type::signed_fixed_point16, 20, 40, 0 + 32768, 1.0f / 2048)};
    int32_t bit = 40;
    auto add_field = [&](description d, const std::string& name) {
        for (bool upper : {false, true}) eo.fields.push_back(dw::field{d, upper, name, bit}), bit += 37;
    };
    add_field(description::base_address_parameter, "");
    add_field(description::base_address_scratch, "");
    for (const auto& l : eo.inputs) add_field(description::base_address_input_activation, l.name);
    for (const auto& l : eo.outputs) add_field(description::base_address_output_activation, l.name);
    auto dma = [](description d, const std::string& name, int32_t size) {
        dw::hint h;
        h.kind = dw::hint::dma, h.desc = d, h.name = name, h.size = size;
        return h;
    };
    eo.hints = {dw::hint{}, dma(description::base_address_parameter, "", 576),
                dma(description::base_address_input_activation, "input", 784),
                dma(description::base_address_input_activation, "state_h", 24),
                dma(description::base_address_input_activation, "state_c", 40)};

    dw::executable pc;
    pc.type = 1, pc.name = "Unknown", pc.token = lstm_token;
    pc.bitstream = pattern(64, 5, 9);
    pc.fields = {dw::field{description::base_address_parameter, false, "", 70},
                 dw::field{description::base_address_parameter, true, "", 130}};
    pc.parameters = pattern(4096, 29, 7);
    dw::hint irq;
    irq.kind = dw::hint::interrupt;
    pc.hints = {dw::hint{}, dma(description::base_address_parameter, "", 4096), irq};

    tb_model m;
    m.opcodes = {{32, std::string(et::custom_op_name)}};
    auto q = [](tb_tensor t, float scale, int64_t zp, bool variable = false) {
        t.scale = {scale}, t.zero_point = {zp}, t.is_variable = variable;
        return t;
    };
    m.tensors = {q(tt({1, 28, 28}, tfl_int8, 0, "input"), 1.0f / 256, -128),
                 q(tt({1, 20}, tfl_int8, 0, "state_h"), 0.01f, 5, true),
                 q(tt({1, 20}, tfl_int16, 0, "state_c"), 1.0f / 2048, 0, true),
                 q(tt({1, 10}, tfl_int8, 0, "output"), 0.1f, -3),
                 q(tt({1, hz}, tfl_int8, 0, spec.state_h_output), 0.01f, 5),
                 q(tt({1, 20}, tfl_int16, 0, "state_c_variable_output"), 1.0f / 2048, 0)};
    m.inputs = {0};
    m.outputs = {3};
    tb_op op;
    op.opcode_index = 0, op.inputs = {0, 1, 2}, op.outputs = {3, 4, 5};
    op.custom_options = dw::build_custom_options(dw::build_package({pc, eo}));
    m.ops = {op};
    return build_model(m);
}

// Flips the top bit of each little-endian element: what the device does to signed data, written out here.
std::vector<uint8_t> flipped(const uint8_t* p, size_t n, size_t element_bytes) {
    std::vector<uint8_t> v(p, p + n);
    for (size_t i = 0; i < n; ++i)
        if (i % element_bytes == element_bytes - 1) v[i] ^= 0x80;
    return v;
}
std::vector<uint8_t> padded(std::vector<uint8_t> v, size_t size) {
    v.resize(size, 0);
    return v;
}
std::vector<uint8_t> bytes_of_tensor(const tensor& t) { return std::vector<uint8_t>(t.data, t.data + t.bytes); }

struct lstm_fixture {
    std::vector<uint8_t> file;
    result<model> m = status::error("not loaded");
    simulated_device dev;
    et::device_context ctx{dev};
    et::edgetpu_backend tpu{&ctx};
    std::unique_ptr<interpreter> it;
    explicit lstm_fixture(const lstm_spec& spec) : file(build_lstm_model(spec)) {
        m = model::from_memory(file.data(), file.size());
        REQUIRE_MESSAGE(m.is_ok(), m.error().message());
        interpreter_options o;
        o.backends = {make_backend_ref(tpu)};
        it = std::make_unique<interpreter>(*m, o);
    }
};

}  // namespace

TEST_CASE("edgetpu LSTM state: the state outputs come back as the next invoke's state inputs") {
    lstm_fixture f({});
    const status a = f.it->allocate();
    REQUIRE_MESSAGE(a.is_ok(), a.message());
    const node& n = f.it->nodes()[0];
    const auto& st = n.get<et::edgetpu_node_state>();
    const et::executable& e = st.pkg.main_executable();
    CHECK_FALSE(e.fully_deterministic);
    f.dev.add_package(st.pkg);
    f.dev.vary_outputs(true);  // each run's state differs from the last
    for (const tensor* t : n.inputs) f.dev.expect_input(std::string(t->name), &t->data, &t->bytes);
    auto out_layer = [&](const std::string& name) -> const et::layer& {
        return e.outputs[size_t(et::detail::find_layer(e.outputs, name))];
    };
    const tensor& state_h = *n.inputs[1];
    const tensor& state_c = *n.inputs[2];
    // Variables start at real zero: int8 zero point 5, int16 zero point 0.
    CHECK(bytes_of_tensor(state_h) == std::vector<uint8_t>(20, 5));
    CHECK(bytes_of_tensor(state_c) == std::vector<uint8_t>(40, 0));

    tensor& input = f.it->input(0);
    std::mt19937 rng(3);
    for (size_t k = 0; k < input.bytes; ++k) input.data[k] = uint8_t(rng());
    const std::vector<uint8_t> caller_input = bytes_of_tensor(input);

    for (size_t run = 0; run < 3; ++run) {
        CAPTURE(run);
        const uint64_t params_before = f.dev.parameter_bytes();
        const status s = f.it->invoke();
        REQUIRE_MESSAGE(s.is_ok(), s.message());
        CHECK(f.dev.errors().empty());
        CHECK(f.dev.idle());
        CHECK(f.dev.parameter_bytes() - params_before == (run == 0 ? 4096u + 576u : 576u));
        // On the wire: the first run sends the zero state (int8 5 -> 0x85, int16 0 -> 00 80); later runs send the
        // previous run's state output, flipped back by the host and again for the wire, i.e. the device's bytes.
        std::vector<uint8_t> wire_h, wire_c;
        if (run == 0) {
            wire_h = padded(std::vector<uint8_t>(20, 0x85), 24);
            for (int i = 0; i < 20; ++i) wire_c.push_back(0x00), wire_c.push_back(0x80);
        } else {
            const auto& prev_h = f.dev.canned_output(out_layer("state_h_variable_output"), run - 1);
            const auto& prev_c = f.dev.canned_output(out_layer("state_c_variable_output"), run - 1);
            wire_h = padded(std::vector<uint8_t>(prev_h.begin(), prev_h.begin() + 20), 24);
            wire_c = std::vector<uint8_t>(prev_c.begin(), prev_c.begin() + 40);
        }
        CHECK(f.dev.last_input("state_h") == wire_h);
        CHECK(f.dev.last_input("state_c") == wire_c);
        CHECK(f.dev.last_input("input") == flipped(caller_input.data(), 784, 1));
        // After the invoke: the state tensors hold this run's state outputs, sign restored.
        const auto& raw_h = f.dev.canned_output(out_layer("state_h_variable_output"), run);
        const auto& raw_c = f.dev.canned_output(out_layer("state_c_variable_output"), run);
        const auto& raw_o = f.dev.canned_output(out_layer("output"), run);
        CHECK(bytes_of_tensor(state_h) == flipped(raw_h.data(), 20, 1));
        CHECK(bytes_of_tensor(state_c) == flipped(raw_c.data(), 40, 2));
        CHECK(bytes_of_tensor(f.it->output(0)) == flipped(raw_o.data(), 10, 1));
        CHECK(bytes_of_tensor(input) == caller_input);  // the sign flip works on a copy
    }
    CHECK(f.dev.completed_runs() == 4);  // parameter caching once, then three inferences
}

TEST_CASE("edgetpu LSTM state: a state output without its input, or of another size, is refused") {
    SUBCASE("no input of the name") {
        lstm_spec spec;
        spec.state_h_output = "state_x_variable_output";
        lstm_fixture f(spec);
        const status s = f.it->allocate();
        REQUIRE_FALSE(s.is_ok());
        CHECK(s.message().find("output layer 'state_x_variable_output' is an LSTM state output, but no input layer "
                               "is named 'state_x'") != std::string::npos);
    }
    SUBCASE("another size") {
        lstm_spec spec;
        spec.state_h_output_z = 16;
        lstm_fixture f(spec);
        const status s = f.it->allocate();
        REQUIRE_FALSE(s.is_ok());
        CHECK(s.message().find("LSTM state output 'state_h_variable_output' (int8 [1,16], SIGNED_FIXED_POINT8 16 "
                               "bytes) does not match its input 'state_h' (int8 [1,20], SIGNED_FIXED_POINT8 20 bytes)") !=
              std::string::npos);
    }
}

namespace {
// Moves the device's output announcements by `shift` bytes: the host must refuse addresses outside its buffers.
struct shifting_link : et::transport {
    et::transport* inner = nullptr;
    uint64_t shift = 0;
    status bulk_out(const uint8_t* data, size_t size) override { return inner->bulk_out(data, size); }
    status bulk_in(uint8_t* data, size_t size) override { return inner->bulk_in(data, size); }
    status wait_event(et::device_event& e) override {
        status s = inner->wait_event(e);
        if (s && e.tag == et::event_output_activations) e.address += shift;
        return s;
    }
};
}  // namespace

TEST_CASE("edgetpu LSTM state: device-announced outputs outside the linked buffers are refused") {
    const std::vector<uint8_t> file = build_lstm_model({});
    auto m = model::from_memory(file.data(), file.size());
    REQUIRE(m.is_ok());
    simulated_device dev;
    shifting_link link;
    link.inner = &dev;
    link.shift = 1;  // every layer's last byte would fall outside it
    et::device_context ctx(link);
    et::edgetpu_backend tpu(&ctx);
    interpreter_options o;
    o.backends = {make_backend_ref(tpu)};
    interpreter it(*m, o);
    REQUIRE(it.allocate());
    const node& n = it.nodes()[0];
    dev.add_package(n.get<et::edgetpu_node_state>().pkg);
    for (const tensor* t : n.inputs) dev.expect_input(std::string(t->name), &t->data, &t->bytes);
    const status s = it.invoke();
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.message().find("output bytes at address") != std::string::npos);
    CHECK(s.message().find("which lie in no output layer's buffer") != std::string::npos);
}
