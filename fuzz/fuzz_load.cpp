// libFuzzer harness: load + verify a .tflite file, then read everything the loader exposes the way `flatnn
// inspect` does. Any outcome other than a model or an error value is a bug.
#include <cstddef>
#include <cstdint>

#include "flatnn/flatnn.hpp"
#include "flatnn/model/describe.hpp"
#include "tflite_mutator.hpp"

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned seed) {
    return flatnn::fuzz::mutate_tflite(data, size, max_size, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    flatnn::load_limits limits;
    limits.max_tensor_bytes = uint64_t(1) << 28;
    auto m = flatnn::model::from_memory(data, size, limits);
    if (!m) return 0;
    size_t sink = m->description().size();
    for (const auto& g : m->subgraphs()) {
        for (const auto& t : g.tensors) {
            sink += flatnn::describe_quantization(t.quant).size();
            if (t.data) sink += t.data[0] + t.data[t.data_size - 1];
        }
        for (const auto& op : g.operators) {
            sink += flatnn::op_name(op).size();
            if (op.options.valid() && op.options_type < flatnn::schema::builtin_options_desc.count &&
                flatnn::schema::builtin_options_desc.members[op.options_type])
                sink += flatnn::describe_options(op.options, *flatnn::schema::builtin_options_desc.members[op.options_type]).size();
            if (op.custom_options_size) sink += op.custom_options[0] + op.custom_options[op.custom_options_size - 1];
        }
    }
    for (const auto& md : m->metadata())
        if (md.size) sink += md.data[md.size - 1];
    volatile size_t keep = sink;
    (void)keep;
    return 0;
}
