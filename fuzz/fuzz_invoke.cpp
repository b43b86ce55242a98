// libFuzzer harness: load + allocate + invoke on zero inputs, under tight resource limits so that a hostile
// model is refused (clear error) rather than allowed to allocate gigabytes or run for minutes.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "flatnn/flatnn.hpp"
#include "tflite_mutator.hpp"

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned seed) {
    return flatnn::fuzz::mutate_tflite(data, size, max_size, seed);
}

namespace {

// Zero bytes are the real value 0 for float/int tensors; quantized inputs get their zero point instead.
void zero_input(flatnn::tensor& t) {
    if (!t.data) return;
    int fill = 0;
    if (t.quantized() && (t.type == flatnn::dtype::uint8 || t.type == flatnn::dtype::int8)) fill = t.zero_point() & 0xff;
    std::memset(t.data, fill, t.bytes);
}

// Rough count of the kernels' inner-loop steps. The arena cap bounds memory, not time: a legitimate model (DeepLab
// at 513x513) takes seconds under the sanitizers, so the harness skips invoke above a budget and keeps prepare.
double invoke_cost(const flatnn::interpreter& in) {
    using flatnn::schema::builtin_op;
    double cost = 0;
    for (const flatnn::node& n : in.nodes()) {
        double out = 0, k = 1;
        for (const flatnn::tensor* t : n.outputs) out += double(t->num_elements());
        for (const flatnn::tensor* t : n.inputs)
            if (t) cost += double(t->num_elements());
        if (n.inputs.size() >= 2 && n.inputs[1] && n.inputs[1]->is_constant && !n.outputs.empty() &&
            n.outputs[0]->dims.rank() > 0) {
            const double last = double(n.outputs[0]->dims[n.outputs[0]->dims.rank() - 1]);
            k = double(n.inputs[1]->num_elements()) / (last > 0 ? last : 1);
        }
        const int32_t code = n.op->code;
        if ((code == int32_t(builtin_op::average_pool_2d) || code == int32_t(builtin_op::max_pool_2d)) &&
            !n.inputs.empty() && n.inputs[0] && n.inputs[0]->dims.rank() == 4)
            k = double(n.inputs[0]->dims[1]) * double(n.inputs[0]->dims[2]);
        cost += out * (k > 1 ? k : 1);
    }
    return cost;
}

void run(const flatnn::model& m, bool cpu) {
    flatnn::cpu_backend cpu_backend;
    flatnn::interpreter_options options;
    options.max_arena_bytes = uint64_t(1) << 25;  // 32 MiB keeps every invoke short
    options.max_while_iterations = 10000;         // and so does a short WHILE bound
    options.max_node_work = double(1 << 27);      // and a cap on each op's multiply-adds (real MobileNets fit)
    if (cpu) options.backends.push_back(flatnn::make_backend_ref(cpu_backend));
    flatnn::interpreter in(m, options);
    if (!in.allocate()) return;
    if (invoke_cost(in) > 3e6) return;
    for (size_t i = 0; i < in.input_count(); ++i) zero_input(in.input(i));
    (void)in.invoke();
    // A second allocate + invoke reuses the interpreter as applications do after resize_input.
    if (!in.allocate()) __builtin_trap();  // it succeeded once with the same shapes
    (void)in.invoke();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    flatnn::load_limits limits;
    limits.max_tensor_bytes = uint64_t(1) << 25;
    auto m = flatnn::model::from_memory(data, size, limits);
    if (!m) return 0;
    run(*m, (size & 1) != 0);
    return 0;
}
