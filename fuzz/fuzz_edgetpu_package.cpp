// libFuzzer harness: the Edge TPU package parser on arbitrary `edgetpu-custom-op` custom_options, then the host
// functions that trust what it checked (output re-layout over every output layer, instruction linking). Seeds:
// the custom_options of the compiled models (tools: extract with `flatnn inspect`-located offsets, or any bytes).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "flatnn/edgetpu/host.hpp"
#include "flatnn/edgetpu/package.hpp"

namespace et = flatnn::edgetpu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto p = et::parse_custom_options(data, size);
    if (!p) return 0;
    for (const et::executable& e : p->executables) {
        for (const et::layer& l : e.outputs) {
            std::vector<uint8_t> raw(l.size_bytes, 0x5a), out(l.unpadded_bytes());
            (void)et::relayout_output(l, raw.data(), raw.size(), out.data(), out.size());
        }
        for (const et::layer& l : e.inputs) {
            std::vector<uint8_t> src(l.unpadded_bytes(), 1), dst(l.size_bytes);
            (void)et::prepare_input(l, src.data(), src.size(), dst.data(), dst.size());
        }
        std::vector<uint64_t> in(e.inputs.size(), 0x1000), out(e.outputs.size(), 0x2000);
        const et::link_addresses a{0x3000, 0x4000, &in, &out};
        for (const et::instruction_chunk& c : e.chunks) {
            std::vector<uint8_t> linked(c.size);
            et::link_chunk(e, c, a, linked.data());
        }
    }
    return 0;
}
