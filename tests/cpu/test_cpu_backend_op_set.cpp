// A cpu_backend built from a make_op_resolver<...>() op set chooses SIMD kernels for the listed ops and only for
// them (the others' SIMD kernels are not even compiled), and computes the same bytes as the reference backend.
#include <doctest/doctest.h>

#include <vector>

#include "cpu/cpu_test_util.hpp"
#include "flatnn/flatnn.hpp"
#include "support/shared.hpp"

namespace {
using namespace flatnn;

struct model_run {
    std::vector<invoke_fn> kernels;  // node::invoke of every node after prepare
    std::vector<int32_t> codes;
    std::vector<uint8_t> output;
};

model_run run(const model& m, const op_resolver& resolver, cpu_backend* cpu) {
    interpreter_options options;
    options.resolver = &resolver;
    if (cpu) options.backends.push_back(make_backend_ref(*cpu));
    interpreter it(m, options);
    REQUIRE(it.allocate());
    tensor& in = it.input(0);
    for (size_t i = 0; i < in.bytes; ++i) in.data[i] = uint8_t(i * 13 % 251);
    REQUIRE(it.invoke());
    model_run r;
    for (const node& n : it.nodes()) {
        r.kernels.push_back(n.invoke);
        r.codes.push_back(n.op->code);
    }
    r.output.assign(it.output(0).data, it.output(0).data + it.output(0).bytes);
    return r;
}

TEST_CASE("cpu backend built from an op set: SIMD kernels for the listed ops only") {
    if (!test::have_shared()) return;
    if (cpu::runtime_simd_level() == cpu::simd_level::reference) {
        MESSAGE("SKIPPED: no SIMD level is compiled in and supported here");
        return;
    }
    auto m = model::from_file(test::coral_dir() + "/mobilenet_v1_0.25_128_quant.tflite");
    REQUIRE(m);
    const int32_t conv = int32_t(schema::builtin_op::conv_2d), dw = int32_t(schema::builtin_op::depthwise_conv_2d);

    // Every op listed: CONV_2D and DEPTHWISE_CONV_2D get SIMD kernels.
    const auto all = make_op_resolver<op::conv_2d, op::depthwise_conv_2d, op::average_pool_2d, op::reshape, op::softmax>();
    const model_run want = run(*m, all, nullptr);
    cpu_backend cpu_all(all);
    const model_run got = run(*m, all, &cpu_all);
    CHECK(got.output == want.output);
    size_t simd = 0;
    for (size_t i = 0; i < got.kernels.size(); ++i)
        if (got.codes[i] == conv || got.codes[i] == dw) {
            CHECK((got.kernels[i] != want.kernels[i]));
            simd += got.kernels[i] != want.kernels[i];
        } else {
            CHECK((got.kernels[i] == want.kernels[i]));
        }
    CHECK(simd > 10);

    // CONV_2D added to the resolver by hand, outside the op set's type: the backend has no SIMD kernel for it.
    auto partial = make_op_resolver<op::depthwise_conv_2d, op::average_pool_2d, op::reshape, op::softmax>();
    partial.add_builtin(schema::builtin_op::conv_2d, &ops::prepare_conv_2d);
    cpu_backend cpu_partial(partial);
    const model_run part = run(*m, partial, &cpu_partial);
    CHECK(part.output == want.output);
    size_t dw_simd = 0, conv_nodes = 0;
    for (size_t i = 0; i < part.kernels.size(); ++i) {
        if (part.codes[i] == conv) {
            ++conv_nodes;
            CHECK((part.kernels[i] == want.kernels[i]));
        }
        if (part.codes[i] == dw) dw_simd += part.kernels[i] != want.kernels[i];
    }
    CHECK(conv_nodes > 10);
    CHECK(dw_simd > 10);

    // The same resolver as a plain op_resolver: every op's SIMD kernels, as before op sets existed.
    const op_resolver plain = partial;
    cpu_backend cpu_plain(plain);
    const model_run any = run(*m, plain, &cpu_plain);
    CHECK(any.output == want.output);
    for (size_t i = 0; i < any.kernels.size(); ++i)
        if (any.codes[i] == conv) CHECK((any.kernels[i] != want.kernels[i]));
}

}  // namespace
