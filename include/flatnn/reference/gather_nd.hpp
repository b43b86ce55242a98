#pragma once
// Reference GATHER_ND: each index vector (the last axis of indices, length D) selects the slice
// params[i0, ..., iD-1, :]. Indices are checked before use: a bad one stops the kernel and is reported.
#include <cstdint>
#include <cstring>

#include "flatnn/core/shape.hpp"

namespace flatnn::reference {

struct gather_nd_params {
    int64_t count = 0;  // index vectors
    int32_t depth = 0;  // D
    int32_t dims[shape::max_rank] = {};      // params dims 0..D-1
    int64_t strides[shape::max_rank] = {};   // in slices
    size_t slice_bytes = 0;
};

// Returns -1 on success, else the flat position of the first index outside its dimension.
template <class Index>
inline int64_t gather_nd(const gather_nd_params& p, const uint8_t* params, const Index* indices, uint8_t* out) noexcept {
    for (int64_t i = 0; i < p.count * p.depth; ++i)
        if (indices[i] < 0 || int64_t(indices[i]) >= p.dims[i % p.depth]) return i;
    for (int64_t i = 0; i < p.count; ++i) {
        int64_t at = 0;
        for (int32_t d = 0; d < p.depth; ++d) at += int64_t(indices[i * p.depth + d]) * p.strides[d];
        if (p.slice_bytes) std::memcpy(out, params + size_t(at) * p.slice_bytes, p.slice_bytes);
        out += p.slice_bytes;
    }
    return -1;
}

}  // namespace flatnn::reference
