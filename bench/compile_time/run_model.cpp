// The program whose compile time bench/compile_time/run.sh measures: include the single header, run one model
// (MobileNet v1) on the CPU backend and print the top class, a hash of the output and the SIMD level the CPU
// kernels ran at. FLATNN_BENCH_RESTRICTED builds it with an op set restricted to that model's ops (with
// FLATNN_NO_DEFAULT_RESOLVER, so no other op's code is compiled, and the op set's type given to cpu_backend, so
// no other op's SIMD kernels are).
#include <cstdio>
#include <cstring>

#include "flatnn/flatnn.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s MODEL.tflite\n", argv[0]);
        return 2;
    }
    auto model = flatnn::model::from_file(argv[1]);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().message().c_str());
        return 1;
    }
#ifdef FLATNN_BENCH_RESTRICTED
    const auto resolver =  // the op set's type: cpu_backend then compiles only these ops' SIMD kernels
        flatnn::make_op_resolver<flatnn::op::conv_2d, flatnn::op::depthwise_conv_2d, flatnn::op::average_pool_2d,
                                 flatnn::op::reshape, flatnn::op::softmax>();
#else
    const flatnn::op_resolver resolver = flatnn::make_builtin_op_resolver();
#endif
    flatnn::cpu_backend cpu(resolver);
    flatnn::interpreter_options options;
    options.resolver = &resolver;
    options.backends.push_back(flatnn::make_backend_ref(cpu));
    flatnn::interpreter interpreter(*model, options);
    if (auto s = interpreter.allocate(); !s) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return 1;
    }
    flatnn::tensor& in = interpreter.input(0);
    for (size_t i = 0; i < in.bytes; ++i) in.data[i] = uint8_t(i * 7 % 251);  // a fixed pattern, any will do
    if (auto s = interpreter.invoke(); !s) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return 1;
    }
    const flatnn::tensor& out = interpreter.output(0);
    size_t best = 0;
    uint32_t hash = 2166136261u;  // FNV-1a of every output byte: the two builds must agree on all of them
    for (size_t i = 0; i < out.bytes; ++i) {
        if (out.data[i] > out.data[best]) best = i;
        hash = (hash ^ out.data[i]) * 16777619u;
    }
    std::printf("top class %zu, output hash %08x, cpu kernels %s\n", best, unsigned(hash),
                flatnn::cpu::simd_level_name(cpu.level()));
    return 0;
}
