// The hint sequencer against the simulated device: a real run passes every check, and the device catches a
// corrupted parameter, input or instruction byte, a wrong frame order and unread outputs, so its passing means
// something. Changing bits inside a linked address field is allowed.
#include <doctest/doctest.h>

#include <functional>
#include <vector>

#include "edgetpu/edgetpu_test_util.hpp"
#include "edgetpu/simulated_device.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;

namespace {

// Passes the stream through, letting a test edit byte `at` of the bulk-out stream.
struct tampering_link : et::transport {
    et::transport* inner = nullptr;
    uint64_t seen = 0;
    uint64_t at = ~uint64_t(0);
    uint8_t xor_mask = 0;
    status bulk_out(const uint8_t* data, size_t size) override {
        std::vector<uint8_t> copy(data, data + size);
        if (at >= seen && at < seen + size) copy[size_t(at - seen)] ^= xor_mask;
        seen += size;
        return inner->bulk_out(copy.data(), copy.size());
    }
    status bulk_in(uint8_t* data, size_t size) override { return inner->bulk_in(data, size); }
    status wait_event(et::device_event& e) override { return inner->wait_event(e); }
};

struct buffers {
    std::vector<std::vector<uint8_t>> eo_chunks, pc_chunks, inputs, outputs;
    std::vector<uint64_t> in_addr, out_addr;
    std::vector<uint8_t> tensor;
    const uint8_t* tensor_data = nullptr;
    size_t tensor_size = 0;
};

void make_buffers(const et::package& p, buffers& b) {
    const et::executable& eo = p.main_executable();
    const et::layer& in = eo.inputs[0];
    b.tensor.resize(in.unpadded_bytes());
    for (size_t i = 0; i < b.tensor.size(); ++i) b.tensor[i] = uint8_t(i * 13 + 5);
    b.tensor_data = b.tensor.data();
    b.tensor_size = b.tensor.size();
    b.inputs.assign(1, std::vector<uint8_t>(in.size_bytes));
    REQUIRE(et::prepare_input(in, b.tensor.data(), b.tensor.size(), b.inputs[0].data(), b.inputs[0].size()));
    for (const auto& l : eo.outputs) b.outputs.emplace_back(l.size_bytes);
    b.in_addr = {0x1000};
    b.out_addr.assign(eo.outputs.size(), 0x2000);
    et::link_addresses a{0x123456789ull, 0, &b.in_addr, &b.out_addr};
    for (const auto& c : eo.chunks) {
        b.eo_chunks.emplace_back(c.size);
        et::link_chunk(eo, c, a, b.eo_chunks.back().data());
    }
    for (const auto& c : p.caching_executable()->chunks) {
        b.pc_chunks.emplace_back(c.size);
        et::link_chunk(*p.caching_executable(), c, a, b.pc_chunks.back().data());
    }
}

}  // namespace

TEST_CASE("edgetpu simulated device: a MobileNet run follows the hints and passes every check") {
    if (!have_shared()) return;
    loaded_edgetpu_model t("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    const et::package& p = *t.pkg;
    buffers b;
    make_buffers(p, b);
    simulated_device dev;
    dev.add_package(p);
    dev.expect_input("input", &b.tensor_data, &b.tensor_size);
    et::device_context ctx(dev);
    const et::run_buffers eo{&b.eo_chunks, &b.inputs, &b.outputs}, pc{&b.pc_chunks, nullptr, nullptr};
    REQUIRE(ctx.run(p.main_executable(), eo, p.caching_executable(), pc));
    CHECK(dev.errors().empty());
    CHECK(dev.completed_runs() == 2);
    CHECK(dev.instruction_frames() == 2);
    CHECK(dev.parameter_bytes() == 566912);
    CHECK(dev.input_bytes() == 49152);
    CHECK(dev.idle());
    CHECK(b.outputs[0] == dev.canned_output(p.main_executable().outputs[0]));
    // Second run: parameters stay cached.
    REQUIRE(ctx.run(p.main_executable(), eo, p.caching_executable(), pc));
    CHECK(dev.parameter_bytes() == 566912);
    CHECK(dev.completed_runs() == 3);
    CHECK(ctx.last_parameter_bytes() == 0);
}

TEST_CASE("edgetpu simulated device: it catches corrupted bytes, and ignores linked address bits") {
    if (!have_shared()) return;
    loaded_edgetpu_model t("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    const et::package& p = *t.pkg;
    const et::executable& eo = p.main_executable();
    // Stream positions: [8 hdr][PC instr 12624][8][params 566912][8][EO instr 170032][8][input 49152]
    const uint64_t pc_instr = 8, params = pc_instr + 12624 + 8, eo_instr = params + 566912 + 8,
                   input = eo_instr + 170032 + 8;
    const uint64_t linked = eo_instr + eo.chunks[0].fields[0].offset_bit / 8 + 1;  // inside a 32-bit field
    struct tamper { const char* what; uint64_t at; bool caught; };
    const tamper cases[] = {{"header padding", 5, true},  {"PC instruction byte", pc_instr + 3, true},
                            {"parameter byte", params + 1000, true}, {"EO instruction byte", eo_instr + 20000, true},
                            {"input byte", input + 77, true},       {"linked address bit", linked, false}};
    for (const tamper& c : cases) {
        CAPTURE(c.what);
        buffers b;
        make_buffers(p, b);
        simulated_device dev;
        dev.add_package(p);
        dev.expect_input("input", &b.tensor_data, &b.tensor_size);
        tampering_link link;
        link.inner = &dev;
        link.at = c.at;
        link.xor_mask = 0x10;
        et::device_context ctx(link);
        const et::run_buffers eob{&b.eo_chunks, &b.inputs, &b.outputs}, pcb{&b.pc_chunks, nullptr, nullptr};
        const status s = ctx.run(eo, eob, p.caching_executable(), pcb);
        CHECK(s.is_ok() == !c.caught);
        CHECK(dev.errors().empty() == !c.caught);
        if (!s) CHECK(s.message().find("simulated device") != std::string::npos);
    }
}

TEST_CASE("edgetpu simulated device: wrong order and unread outputs are reported") {
    if (!have_shared()) return;
    loaded_edgetpu_model t("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    const et::package& p = *t.pkg;
    buffers b;
    make_buffers(p, b);
    SUBCASE("input before instructions") {
        simulated_device dev;
        dev.add_package(p);
        uint8_t h[8];
        et::write_frame_header(h, 49152, et::frame_tag::input_activations);
        CHECK_FALSE(dev.bulk_out(h, 8));
        CHECK(dev.errors().size() == 1);
    }
    SUBCASE("parameters where the hint expects the input") {
        simulated_device dev;
        dev.add_package(p);
        dev.expect_input("input", &b.tensor_data, &b.tensor_size);
        uint8_t h[8];
        et::write_frame_header(h, uint32_t(b.eo_chunks[0].size()), et::frame_tag::instructions);
        REQUIRE(dev.bulk_out(h, 8));
        REQUIRE(dev.bulk_out(b.eo_chunks[0].data(), b.eo_chunks[0].size()));
        et::write_frame_header(h, 49152, et::frame_tag::parameters);
        CHECK_FALSE(dev.bulk_out(h, 8));
    }
    SUBCASE("the next run before reading the outputs") {
        simulated_device dev;
        dev.add_package(p);
        dev.expect_input("input", &b.tensor_data, &b.tensor_size);
        uint8_t h[8];
        et::write_frame_header(h, uint32_t(b.eo_chunks[0].size()), et::frame_tag::instructions);
        REQUIRE(dev.bulk_out(h, 8));
        REQUIRE(dev.bulk_out(b.eo_chunks[0].data(), b.eo_chunks[0].size()));
        et::write_frame_header(h, 49152, et::frame_tag::input_activations);
        REQUIRE(dev.bulk_out(h, 8));
        REQUIRE(dev.bulk_out(b.inputs[0].data(), 49152));
        CHECK_FALSE(dev.idle());
        CHECK_FALSE(dev.bulk_out(h, 8));
    }
    SUBCASE("an event awaited before the outputs are read") {
        simulated_device dev;
        dev.add_package(p);
        dev.expect_input("input", &b.tensor_data, &b.tensor_size);
        uint8_t h[8];
        et::write_frame_header(h, uint32_t(b.eo_chunks[0].size()), et::frame_tag::instructions);
        REQUIRE(dev.bulk_out(h, 8));
        REQUIRE(dev.bulk_out(b.eo_chunks[0].data(), b.eo_chunks[0].size()));
        et::write_frame_header(h, 49152, et::frame_tag::input_activations);
        REQUIRE(dev.bulk_out(h, 8));
        REQUIRE(dev.bulk_out(b.inputs[0].data(), 49152));
        et::device_event ev;
        CHECK_FALSE(dev.wait_event(ev));
    }
}
