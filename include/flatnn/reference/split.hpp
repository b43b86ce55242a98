#pragma once
// Reference SPLIT: cuts the input into equal blocks along one axis; a byte copy for any element type.
#include <cstdint>
#include <cstring>

namespace flatnn::reference {

// outer: product of the dims before the axis; block: bytes of one output per outer index.
inline void split(const uint8_t* in, int64_t outer, size_t block, uint8_t* const* outs, size_t count) noexcept {
    if (block == 0) return;
    for (int64_t k = 0; k < outer; ++k)
        for (size_t i = 0; i < count; ++i) {
            std::memcpy(outs[i] + size_t(k) * block, in, block);
            in += block;
        }
}

}  // namespace flatnn::reference
