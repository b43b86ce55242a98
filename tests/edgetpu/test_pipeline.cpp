// The pipeline runner over the two SSD MobileNet v2 segments of ../shared, each segment on its own simulated
// device in its own thread: every frame's outputs equal running the segments one after the other on one thread
// (the whole compiled SSD model is not in ../shared, so the sequential run is the reference), segment 1 receives
// segment 0's outputs by name, and both devices see nothing wrong.
#include <doctest/doctest.h>

#include <memory>
#include <random>
#include <vector>

#include "edgetpu/edgetpu_test_util.hpp"
#include "edgetpu/simulated_device.hpp"
#include "flatnn/edgetpu/pipeline_runner.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;

namespace {

// One segment on its own simulated device.
struct segment {
    result<model> m = status::error("unset");
    simulated_device dev;
    std::unique_ptr<et::device_context> ctx;
    std::unique_ptr<et::edgetpu_backend> tpu;
    cpu_backend cpu;
    std::unique_ptr<interpreter> it;
    explicit segment(const std::string& file) {
        m = model::from_file(coral_dir() + "/pipeline/" + file);
        REQUIRE(m.is_ok());
        ctx = std::make_unique<et::device_context>(dev);
        tpu = std::make_unique<et::edgetpu_backend>(ctx.get());
        interpreter_options o;
        o.backends = {make_backend_ref(*tpu), make_backend_ref(cpu)};
        it = std::make_unique<interpreter>(*m, o);
        const status s = it->allocate();
        REQUIRE_MESSAGE(s.is_ok(), s.message());
        for (const node& n : it->nodes()) {
            if (!et::edgetpu_backend::is_edgetpu_node(n)) continue;
            const auto& st = n.get<et::edgetpu_node_state>();
            dev.add_package(st.pkg);
            for (size_t i = 0; i < n.inputs.size(); ++i)
                dev.expect_input(std::string(st.pkg.main_executable().inputs[size_t(st.input_layer[i])].name),
                                 &n.inputs[i]->data, &n.inputs[i]->bytes);
        }
    }
};

const char* seg0 = "ssd_mobilenet_v2_coco_quant_postprocess_segment_0_of_2_edgetpu.tflite";
const char* seg1 = "ssd_mobilenet_v2_coco_quant_postprocess_segment_1_of_2_edgetpu.tflite";

}  // namespace

TEST_CASE("edgetpu pipeline: two segments on two devices equal the sequential run") {
    if (!have_shared()) return;
    segment a(seg0), b(seg1);
    // Segment 1's device must receive exactly what segment 0's device produced for the tensor of the same name
    // (segment 1 takes them in another order than segment 0 gives them).
    std::vector<std::unique_ptr<std::vector<uint8_t>>> produced;
    std::vector<std::unique_ptr<std::pair<const uint8_t*, size_t>>> views;
    for (const node& n : a.it->nodes()) {
        if (!et::edgetpu_backend::is_edgetpu_node(n)) continue;
        for (const et::layer& l : n.get<et::edgetpu_node_state>().pkg.main_executable().outputs) {
            const auto& raw = a.dev.canned_output(l);
            produced.push_back(std::make_unique<std::vector<uint8_t>>(l.unpadded_bytes()));
            REQUIRE(et::relayout_output(l, raw.data(), raw.size(), produced.back()->data(), produced.back()->size()));
            views.push_back(std::make_unique<std::pair<const uint8_t*, size_t>>(produced.back()->data(), produced.back()->size()));
            b.dev.expect_input(std::string(l.name), &views.back()->first, &views.back()->second);
        }
    }
    REQUIRE(views.size() == 3);
    // Segment 1's device answers each frame with other bytes, so frames mixed up or dropped by the runner show.
    b.dev.vary_outputs(true);
    std::mt19937 rng(11);
    auto runner = et::pipeline_runner::create({a.it.get(), b.it.get()});
    REQUIRE_MESSAGE(runner.is_ok(), runner.error().message());
    std::vector<std::vector<std::vector<uint8_t>>> frames;
    for (int f = 0; f < 3; ++f) {
        std::vector<std::vector<uint8_t>> in;
        for (size_t i = 0; i < a.it->input_count(); ++i) {
            std::vector<uint8_t> bytes(a.it->input(i).bytes);
            for (auto& x : bytes) x = uint8_t(rng());
            in.push_back(std::move(bytes));
        }
        REQUIRE((*runner)->push(in));
        frames.push_back(std::move(in));
    }
    (*runner)->finish();
    std::vector<std::vector<std::vector<uint8_t>>> got;
    for (;;) {
        std::vector<std::vector<uint8_t>> out;
        auto more = (*runner)->pop(out);
        REQUIRE_MESSAGE(more.is_ok(), more.error().message());
        if (!*more) break;
        got.push_back(std::move(out));
    }
    runner = status::error("destroyed");  // joins the threads before the devices are inspected
    REQUIRE(got.size() == frames.size());
    CHECK(a.dev.errors().empty());
    CHECK(b.dev.errors().empty());
    CHECK(a.dev.completed_runs() == 4);  // parameter caching once, then three frames
    CHECK(b.dev.completed_runs() == 4);

    // Reference: the same segments on fresh devices, one after the other, tensors copied by name.
    segment ra(seg0), rb(seg1);
    rb.dev.vary_outputs(true);
    for (size_t f = 0; f < frames.size(); ++f) {
        CAPTURE(f);
        for (size_t i = 0; i < ra.it->input_count(); ++i)
            std::memcpy(ra.it->input(i).data, frames[f][i].data(), frames[f][i].size());
        REQUIRE(ra.it->invoke());
        for (size_t i = 0; i < rb.it->input_count(); ++i) {
            tensor* src = nullptr;
            for (size_t o = 0; o < ra.it->output_count(); ++o)
                if (ra.it->output(o).name == rb.it->input(i).name) src = &ra.it->output(o);
            REQUIRE(src != nullptr);
            std::memcpy(rb.it->input(i).data, src->data, src->bytes);
        }
        REQUIRE(rb.it->invoke());
        REQUIRE(got[f].size() == rb.it->output_count());
        for (size_t o = 0; o < rb.it->output_count(); ++o)
            CHECK(got[f][o] == std::vector<uint8_t>(rb.it->output(o).data, rb.it->output(o).data + rb.it->output(o).bytes));
    }
    CHECK(ra.dev.errors().empty());
    CHECK(rb.dev.errors().empty());
    CHECK(got[0] != got[1]);  // the frames' results differ: the comparison above tells them apart
    CHECK(got[1] != got[2]);
}

TEST_CASE("edgetpu pipeline: segments in the wrong order are refused by name") {
    if (!have_shared()) return;
    segment a(seg0), b(seg1);
    auto runner = et::pipeline_runner::create({b.it.get(), a.it.get()});
    REQUIRE_FALSE(runner.is_ok());
    CHECK(runner.error().message().find("of segment 1 is neither a pipeline input") != std::string::npos);
}
