// A float32 CONV_2D fused into the DEPTHWISE_CONV_2D that alone reads it (cpu/conv_dw_float.hpp): the fused pair
// gives the very bits of the unfused kernels (each row is computed by them) at every SIMD level and thread count,
// agrees with the reference kernels, keeps the convolution's input alive until the depthwise node has run, and is
// not fused where the intermediate tensor is read elsewhere.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/flatnn.hpp"
#include "support/alloc_counter.hpp"
#include "support/model_builder.hpp"

namespace {
using namespace flatnn;

constexpr int32_t op_add = 0, op_conv_2d = 3, op_depthwise_conv_2d = 4;
constexpr uint8_t tag_conv2d_options = 1, tag_depthwise_options = 2;
constexpr int8_t t_float32 = 0;

struct pair_case {
    int32_t N, H, W, C;                     // input
    int32_t ckh, ckw, cstride, OC;          // convolution (SAME padding when csame)
    bool csame;
    int32_t dk, dstride, ddil;              // depthwise (square kernel)
    bool dsame;
    int8_t act;                             // fused activation of both (0 none, 1 RELU, 3 RELU6)
};

std::vector<float> random_floats(std::mt19937& rng, size_t n) {
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    return v;
}

// x -> [ADD x + x ->] CONV_2D -> mid -> DEPTHWISE_CONV_2D -> y; `pre_add` makes the convolution's input an
// intermediate tensor (whose bytes the plan could hand to y if the fused read were not kept alive);
// `mid_output` makes mid a graph output too; `mid_reader` adds ADD(mid, mid) as a second reader.
std::vector<uint8_t> pair_model(const pair_case& k, uint32_t seed, bool pre_add, bool mid_output, bool mid_reader) {
    std::mt19937 rng(seed);
    test::tb_model tm;
    tm.opcodes = {{op_conv_2d, ""}, {op_depthwise_conv_2d, ""}, {op_add, ""}};
    tm.buffers.push_back(test::bytes_of(random_floats(rng, size_t(k.OC) * k.ckh * k.ckw * k.C)));  // 1: conv w
    tm.buffers.push_back(test::bytes_of(random_floats(rng, size_t(k.OC))));                       // 2: conv b
    tm.buffers.push_back(test::bytes_of(random_floats(rng, size_t(k.dk) * k.dk * k.OC)));          // 3: dw w
    tm.buffers.push_back(test::bytes_of(random_floats(rng, size_t(k.OC))));                       // 4: dw b
    auto out_size = [](int32_t in, int32_t kk, int32_t s, int32_t dil, bool same) {
        const int32_t eff = (kk - 1) * dil + 1;
        return same ? (in + s - 1) / s : (in - eff + s) / s;
    };
    const int32_t MH = out_size(k.H, k.ckh, k.cstride, 1, k.csame), MW = out_size(k.W, k.ckw, k.cstride, 1, k.csame);
    const int32_t OH = out_size(MH, k.dk, k.dstride, k.ddil, k.dsame), OW = out_size(MW, k.dk, k.dstride, k.ddil, k.dsame);
    tm.tensors = {test::tt({k.N, k.H, k.W, k.C}, t_float32, 0, "x"),
                  test::tt({k.OC, k.ckh, k.ckw, k.C}, t_float32, 1, "conv_w"),
                  test::tt({k.OC}, t_float32, 2, "conv_b"),
                  test::tt({k.N, MH, MW, k.OC}, t_float32, 0, "mid"),
                  test::tt({1, k.dk, k.dk, k.OC}, t_float32, 3, "dw_w"),
                  test::tt({k.OC}, t_float32, 4, "dw_b"),
                  test::tt({k.N, OH, OW, k.OC}, t_float32, 0, "y"),
                  test::tt({k.N, k.H, k.W, k.C}, t_float32, 0, "x2"),
                  test::tt({k.N, MH, MW, k.OC}, t_float32, 0, "mid2")};
    tm.inputs = {0};
    tm.outputs = {6};
    if (mid_output) tm.outputs.push_back(3);
    test::tb_op add;
    add.opcode_index = 2;
    add.inputs = {0, 0};
    add.outputs = {7};
    test::tb_op conv;
    conv.opcode_index = 0;
    conv.inputs = {pre_add ? 7 : 0, 1, 2};
    conv.outputs = {3};
    conv.options_type = tag_conv2d_options;
    conv.options = [k](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<int8_t>(test::vt(0), k.csame ? 0 : 1, 0);  // padding
        b.AddElement<int32_t>(test::vt(1), k.cstride, 0);
        b.AddElement<int32_t>(test::vt(2), k.cstride, 0);
        b.AddElement<int8_t>(test::vt(3), k.act, 0);
        return b.EndTable(s);
    };
    test::tb_op dw;
    dw.opcode_index = 1;
    dw.inputs = {3, 4, 5};
    dw.outputs = {6};
    dw.options_type = tag_depthwise_options;
    dw.options = [k](flatbuffers::FlatBufferBuilder& b) {
        const auto s = b.StartTable();
        b.AddElement<int8_t>(test::vt(0), k.dsame ? 0 : 1, 0);
        b.AddElement<int32_t>(test::vt(1), k.dstride, 0);
        b.AddElement<int32_t>(test::vt(2), k.dstride, 0);
        b.AddElement<int32_t>(test::vt(3), 1, 0);  // depth multiplier
        b.AddElement<int8_t>(test::vt(4), k.act, 0);
        b.AddElement<int32_t>(test::vt(5), k.ddil, 1);
        b.AddElement<int32_t>(test::vt(6), k.ddil, 1);
        return b.EndTable(s);
    };
    test::tb_op reader;
    reader.opcode_index = 2;
    reader.inputs = {3, 3};
    reader.outputs = {8};
    if (pre_add) tm.ops.push_back(add);
    tm.ops.push_back(conv);
    tm.ops.push_back(dw);
    if (mid_reader) {
        tm.ops.push_back(reader);
        tm.outputs.push_back(8);
    }
    return test::build_model(tm);
}

struct run_result {
    std::vector<float> y;
    int fused = 0;
};

run_result run_pair(const model& m, const std::vector<float>& x, cpu::simd_level level, int threads,
                    cpu_backend_options::fusion fuse, bool reference = false) {
    cpu_backend_options o;
    o.threads = threads;
    o.max_arch = level;
    o.fuse = fuse;
    cpu_backend cpu(o);
    interpreter_options io;
    if (!reference) io.backends.push_back(make_backend_ref(cpu));
    interpreter it(m, io);
    REQUIRE(it.allocate());
    run_result r;
    for (const node& n : it.nodes()) r.fused += n.fused_into >= 0;
    REQUIRE(it.input(0).bytes == x.size() * sizeof(float));
    std::memcpy(it.input(0).data, x.data(), it.input(0).bytes);
    REQUIRE(it.invoke());
    const long before = test::allocations();
    REQUIRE(it.invoke());  // again, on the inputs as the caller left them
    CHECK(test::allocations() == before);
    const tensor& y = it.output(0);
    r.y.assign(y.data_as<float>(), y.data_as<float>() + y.num_elements());
    return r;
}

const pair_case cases[] = {
    // MobileNet v2 expansion: 1x1 conv, 3x3 depthwise stride 2 SAME
    {1, 12, 13, 5, 1, 1, 1, 20, true, 3, 2, 1, true, 3},
    // stride 1, channels past a vector, batch 2
    {2, 9, 7, 3, 1, 1, 1, 37, true, 3, 1, 1, true, 1},
    // RGB stem: 3x3 stride 2 conv (row taps), then 3x3 depthwise
    {1, 17, 15, 3, 3, 3, 2, 16, true, 3, 1, 1, true, 3},
    // VALID everywhere, 5x5 depthwise
    {1, 14, 12, 8, 3, 3, 1, 24, false, 5, 1, 1, false, 0},
    // dilated depthwise (ring of 5 rows), stride 2 conv
    {2, 19, 11, 4, 1, 1, 2, 33, true, 3, 1, 2, true, 0},
    // depthwise stride 3 over a 1x1 kernel (rows no output reads are skipped), 1-pixel-wide rows
    {1, 10, 1, 6, 1, 1, 1, 9, true, 1, 3, 1, true, 0},
    // a 2x2 conv, depthwise stride 2 VALID on an odd height
    {1, 11, 10, 7, 2, 2, 1, 48, false, 3, 2, 1, false, 3},
};

TEST_CASE("fused CONV_2D -> DEPTHWISE_CONV_2D: the unfused bits at every level and thread count") {
    for (size_t ci = 0; ci < std::size(cases); ++ci) {
        const pair_case& k = cases[ci];
        for (bool pre_add : {false, true}) {
            const std::vector<uint8_t> bytes = pair_model(k, uint32_t(100 + ci), pre_add, false, false);
            auto m = model::from_memory(bytes.data(), bytes.size());
            REQUIRE(m);
            std::mt19937 rng(uint32_t(7 + ci));
            const std::vector<float> x = random_floats(rng, size_t(k.N) * k.H * k.W * k.C);
            const run_result ref = run_pair(*m, x, cpu::simd_level::avx512, 1, cpu_backend_options::fusion::never, true);
            double scale = 0;
            for (float v : ref.y) scale = std::max(scale, double(std::fabs(v)));
            for (cpu::simd_level level : test::runnable_simd_levels())
                for (int threads : {1, 2, 3}) {
                    INFO("case " << ci << (pre_add ? " (after ADD)" : "") << " at "
                                 << std::string(cpu::simd_level_name(level)) << ", " << threads << " threads");
                    const run_result plain = run_pair(*m, x, level, threads, cpu_backend_options::fusion::never);
                    const run_result fused = run_pair(*m, x, level, threads, cpu_backend_options::fusion::always);
                    CHECK(plain.fused == 0);
                    CHECK(fused.fused == 1);
                    REQUIRE(fused.y.size() == plain.y.size());
                    CHECK(std::memcmp(fused.y.data(), plain.y.data(), plain.y.size() * sizeof(float)) == 0);
                    double diff = 0;
                    for (size_t i = 0; i < ref.y.size(); ++i)
                        diff = std::max(diff, double(std::fabs(fused.y[i] - ref.y[i])));
                    CHECK(diff <= 1e-5 * std::max(scale, 1.0));
                }
        }
    }
}

TEST_CASE("fused CONV_2D -> DEPTHWISE_CONV_2D: only where the depthwise node alone reads the intermediate") {
    const pair_case& k = cases[0];
    for (int variant = 0; variant < 2; ++variant) {
        const bool mid_output = variant == 0, mid_reader = variant == 1;
        const std::vector<uint8_t> bytes = pair_model(k, 5, false, mid_output, mid_reader);
        auto m = model::from_memory(bytes.data(), bytes.size());
        REQUIRE(m);
        std::mt19937 rng(3);
        const std::vector<float> x = random_floats(rng, size_t(k.N) * k.H * k.W * k.C);
        const run_result r = run_pair(*m, x, test::runnable_simd_levels().back(), 2, cpu_backend_options::fusion::always);
        CHECK(r.fused == 0);
        const run_result ref = run_pair(*m, x, cpu::simd_level::avx512, 1, cpu_backend_options::fusion::never, true);
        REQUIRE(r.y.size() == ref.y.size());
        for (size_t i = 0; i < r.y.size(); ++i) CHECK(std::fabs(r.y[i] - ref.y[i]) <= 1e-5f);
    }

    // Where it pays (the default) leaves a small pair unfused; keep_all_tensors never fuses.
    const std::vector<uint8_t> bytes = pair_model(k, 5, false, false, false);
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    std::mt19937 rng(3);
    const std::vector<float> x = random_floats(rng, size_t(k.N) * k.H * k.W * k.C);
    CHECK(run_pair(*m, x, test::runnable_simd_levels().back(), 1, cpu_backend_options::fusion::where_it_pays).fused == 0);
    cpu_backend_options o;
    o.fuse = cpu_backend_options::fusion::always;
    cpu_backend cpu(o);
    interpreter_options io;
    io.backends.push_back(make_backend_ref(cpu));
    io.keep_all_tensors = true;
    interpreter it(*m, io);
    REQUIRE(it.allocate());
    for (const node& n : it.nodes()) CHECK(n.fused_into < 0);
}

TEST_CASE("fused CONV_2D -> DEPTHWISE_CONV_2D: where it pays, MobileNet v2's 112x112 expansion is fused") {
    // 112x112x16 -> 1x1 -> 96 channels (4.8 MB) -> 3x3 stride 2: the pair the cost rule is for.
    const pair_case k{1, 112, 112, 16, 1, 1, 1, 96, true, 3, 2, 1, true, 3};
    const std::vector<uint8_t> bytes = pair_model(k, 9, false, false, false);
    auto m = model::from_memory(bytes.data(), bytes.size());
    REQUIRE(m);
    std::mt19937 rng(4);
    const std::vector<float> x = random_floats(rng, size_t(k.N) * k.H * k.W * k.C);
    const cpu::simd_level level = test::runnable_simd_levels().back();
    const run_result fused = run_pair(*m, x, level, 2, cpu_backend_options::fusion::where_it_pays);
    const run_result plain = run_pair(*m, x, level, 2, cpu_backend_options::fusion::never);
    CHECK(fused.fused == 1);
    REQUIRE(fused.y.size() == plain.y.size());
    CHECK(std::memcmp(fused.y.data(), plain.y.data(), plain.y.size() * sizeof(float)) == 0);
}

}  // namespace
