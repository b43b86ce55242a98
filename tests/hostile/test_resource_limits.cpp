// Resource limits: tensor sizes are capped at load (load_limits::max_tensor_bytes), the arena, every tensor the
// ops shape and every per-node buffer an op sizes from shapes or options at allocate
// (interpreter_options::max_arena_bytes). A model above a cap is refused with a message naming the cap,
// before anything of that size is allocated.
#include <doctest/doctest.h>
#include <flatbuffers/flexbuffers.h>

#include "hostile/hostile_support.hpp"

using namespace flatnn;
using test::contains;

namespace {

constexpr int32_t op_add = 0, op_custom = 32;
constexpr int8_t t_float32 = 0;

// One custom op with float32 inputs of the given shapes and four float32 outputs.
test::tb_model custom_model(const char* name, std::vector<std::vector<int32_t>> in_shapes, std::vector<uint8_t> options) {
    test::tb_model m;
    m.opcodes = {{op_custom, name}};
    test::tb_op op;
    for (size_t i = 0; i < in_shapes.size(); ++i) {
        m.tensors.push_back(test::tt(in_shapes[i], t_float32, 0, "in" + std::to_string(i)));
        m.inputs.push_back(int32_t(i));
        op.inputs.push_back(int32_t(i));
    }
    for (int k = 0; k < 4; ++k) {
        const int32_t t = int32_t(m.tensors.size());
        m.tensors.push_back(test::tt({1}, t_float32, 0, "out" + std::to_string(k)));
        op.outputs.push_back(t);
        m.outputs.push_back(t);
    }
    op.custom_options = std::move(options);
    m.ops = {op};
    return m;
}

std::vector<uint8_t> detection_options(int32_t max_detections) {
    ::flexbuffers::Builder b;
    b.Map([&] {
        b.Int("max_detections", max_detections);
        b.Int("max_classes_per_detection", 1);
        b.Int("detections_per_class", 1);
        b.Bool("use_regular_nms", false);
        b.Float("nms_score_threshold", 0.5f);
        b.Float("nms_iou_threshold", 0.5f);
        b.Int("num_classes", 2);
        b.Float("y_scale", 10.0f);
        b.Float("x_scale", 10.0f);
        b.Float("h_scale", 5.0f);
        b.Float("w_scale", 5.0f);
    });
    b.Finish();
    return b.GetBuffer();
}

std::vector<uint8_t> posenet_options(int32_t max_detections) {
    ::flexbuffers::Builder b;
    b.Map([&] {
        b.Int("max_detections", max_detections);
        b.Float("score_threshold", 0.5f);
        b.Int("stride", 16);
        b.Float("nms_radius", 20.0f);
    });
    b.Finish();
    return b.GetBuffer();
}

}  // namespace

TEST_CASE("load_limits::max_tensor_bytes refuses a large shape at load, naming the tensor") {
    const auto bytes = test::build_model(test::one_op(op_add, {{1024, 1024}, {1024, 1024}}, {1024, 1024}));
    load_limits limits;
    limits.max_tensor_bytes = 1 << 20;
    auto m = model::from_memory(bytes.data(), bytes.size(), limits);
    REQUIRE_FALSE(m);
    CHECK(contains(m.error().message(), "tensor 0 'in0'"));
    CHECK(contains(m.error().message(), "exceeds the tensor size limit of 1048576 bytes"));
    CHECK(model::from_memory(bytes.data(), bytes.size()));  // the default limit is far above 4 MiB
}

TEST_CASE("max_arena_bytes refuses a plan above the cap, at plan() and at allocate()") {
    // Three live [256,256] float32 tensors of 256 KiB: 768 KiB of arena.
    const auto bytes = test::build_model(test::one_op(op_add, {{256, 256}, {256, 256}}, {256, 256}));
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter_options options;
    options.max_arena_bytes = 512 * 1024;
    interpreter it(*m, options);
    auto planned = it.plan();
    REQUIRE_FALSE(planned);
    CHECK(contains(planned.error().message(), "arena of 786432 bytes"));
    CHECK(contains(planned.error().message(), "limit of 524288 bytes (interpreter_options::max_arena_bytes)"));
    CHECK_FALSE(it.allocate());
    CHECK_FALSE(it.invoke());

    options.max_arena_bytes = 786432;  // exactly the plan: accepted
    interpreter exact(*m, options);
    CHECK(exact.allocate());
}

TEST_CASE("one tensor above the cap is refused with its name, even when its size overflows 64 bits") {
    // [65536,65536] float32 = 16 GiB: within the default load limit, above the default arena cap of 4 GiB.
    const auto bytes = test::build_model(test::one_op(op_add, {{65536, 65536}, {1}}, {65536, 65536}));
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter it(*m);
    const status s = it.allocate();
    REQUIRE_FALSE(s);
    CHECK(contains(s.message(), "tensor 0 'in0' of shape [65536,65536] needs more than the arena limit of 4294967296"));

    // Eight dimensions of 2^30 (2^240 elements, a product no integer holds) are still refused cleanly.
    load_limits huge;
    huge.max_tensor_bytes = ~uint64_t(0);
    const std::vector<int32_t> dims(8, 1 << 30);
    const auto big = test::build_model(test::one_op(op_add, {dims, {1}}, dims));
    auto m2 = model::from_memory(big.data(), big.size(), huge);
    if (m2) {  // the loader may refuse the product itself
        interpreter it2(*m2);
        const status s2 = it2.allocate();
        REQUIRE_FALSE(s2);
        CHECK(contains(s2.message(), "max_arena_bytes"));
    } else {
        CHECK(contains(m2.error().message(), "exceeds the tensor size limit"));
    }
}

TEST_CASE("TFLite_Detection_PostProcess: max_detections sizing gigabytes of scratch is refused at allocate") {
    const auto ok = test::build_model(
        custom_model("TFLite_Detection_PostProcess", {{1, 10, 4}, {1, 10, 3}, {10, 4}}, detection_options(10)));
    CHECK(test::allocate_error(ok) == "");

    const auto bytes = test::build_model(
        custom_model("TFLite_Detection_PostProcess", {{1, 10, 4}, {1, 10, 3}, {10, 4}}, detection_options(1 << 30)));
    interpreter_options options;
    options.max_arena_bytes = 64 << 20;
    const std::string e = test::allocate_error(bytes, options);
    CHECK(contains(e, "op 0 (TFLite_Detection_PostProcess)"));
    CHECK(contains(e, "max_arena_bytes"));
}

TEST_CASE("PosenetDecoderOp: inputs or max_detections above the cap are refused at allocate") {
    const auto ok = test::build_model(
        custom_model("PosenetDecoderOp", {{1, 4, 4, 17}, {1, 4, 4, 34}, {1, 4, 4, 64}}, posenet_options(5)));
    CHECK(test::allocate_error(ok) == "");

    interpreter_options options;
    options.max_arena_bytes = 1 << 20;
    // 1 x 64 x 64 x (17 + 34 + 64) floats = 1.8 MiB of float copies.
    const auto big_inputs = test::build_model(
        custom_model("PosenetDecoderOp", {{1, 64, 64, 17}, {1, 64, 64, 34}, {1, 64, 64, 64}}, posenet_options(5)));
    std::string e = test::allocate_error(big_inputs, options);
    CHECK(contains(e, "op 0 (PosenetDecoderOp)"));
    CHECK(contains(e, "max_arena_bytes"));

    const auto many = test::build_model(
        custom_model("PosenetDecoderOp", {{1, 4, 4, 17}, {1, 4, 4, 34}, {1, 4, 4, 64}}, posenet_options(1 << 30)));
    e = test::allocate_error(many, options);
    CHECK(contains(e, "op 0 (PosenetDecoderOp)"));
    CHECK(contains(e, "max_arena_bytes"));
}

TEST_CASE("max_node_work refuses a node asking for more multiply-adds than the cap, at allocate()") {
    // A 3x3 VALID convolution: 32x32x16 input, 64 filters of 3x3x16, so 30 x 30 x 64 outputs of 144 multiply-adds
    // each: 8,294,400 in all (worked out by hand, not by the estimate under test).
    constexpr uint8_t tag_conv2d_options = 1;
    test::tb_model tm = test::one_op(3 /* CONV_2D */, {{1, 32, 32, 16}, {64, 3, 3, 16}}, {1, 30, 30, 64});
    tm.ops[0].options_type = tag_conv2d_options;
    tm.ops[0].options = [](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<int8_t>(test::vt(0), 1, 0);   // VALID
        b.AddElement<int32_t>(test::vt(1), 1, 0);  // stride_w
        b.AddElement<int32_t>(test::vt(2), 1, 0);  // stride_h
        return b.EndTable(s);
    };
    const auto bytes = test::build_model(tm);
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    interpreter_options options;
    options.max_node_work = 8294399;
    interpreter refused(*m, options);
    const status s = refused.allocate();
    REQUIRE_FALSE(s);
    CHECK(contains(s.message(), "op 0 (CONV_2D)"));
    CHECK(contains(s.message(), "about 8294400 multiply-adds, more than the limit of 8294399"));
    CHECK(contains(s.message(), "interpreter_options::max_node_work"));
    options.max_node_work = 8294400;  // exactly the work: accepted
    interpreter accepted(*m, options);
    CHECK(accepted.allocate());
    interpreter by_default(*m);  // the default cap is far above 8 million
    CHECK(by_default.allocate());
}
