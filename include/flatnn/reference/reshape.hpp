#pragma once
// Reference RESHAPE (and SQUEEZE): the bytes are unchanged, only the shape differs.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace flatnn::reference {

inline void copy_bytes(const uint8_t* in, size_t bytes, uint8_t* out) noexcept {
    if (bytes && in != out) std::memcpy(out, in, bytes);
}

}  // namespace flatnn::reference
