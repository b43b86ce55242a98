#pragma once
// Reference SPLIT_V: cuts the input along one axis into blocks of given sizes; a byte copy for any element type.
#include <cstdint>
#include <cstring>

namespace flatnn::reference {

// outer: product of the dims before the axis; blocks[i]: bytes of output i per outer index.
inline void split_v(const uint8_t* in, int64_t outer, const size_t* blocks, uint8_t* const* outs, size_t count) noexcept {
    for (int64_t k = 0; k < outer; ++k)
        for (size_t i = 0; i < count; ++i) {
            if (blocks[i]) std::memcpy(outs[i] + size_t(k) * blocks[i], in, blocks[i]);
            in += blocks[i];
        }
}

}  // namespace flatnn::reference
