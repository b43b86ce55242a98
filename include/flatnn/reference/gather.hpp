#pragma once
// Reference GATHER: output[b, o, c, :] = params[b, o, indices[b, c], :], a byte copy of inner rows.
// Indices are checked before use: a bad one stops the kernel and is reported, never read through.
#include <cstdint>
#include <cstring>

namespace flatnn::reference {

struct gather_params {
    int64_t batch = 1;   // product of params dims before batch_dims
    int64_t outer = 1;   // product of params dims in [batch_dims, axis)
    int64_t coords = 1;  // indices per batch
    int32_t axis_size = 0;
    size_t inner_bytes = 0;  // bytes of params dims after axis
};

// Returns -1 on success, else the flat position of the first index outside [0, axis_size).
template <class Index>
inline int64_t gather(const gather_params& p, const uint8_t* params, const Index* indices, uint8_t* out) noexcept {
    for (int64_t i = 0; i < p.batch * p.coords; ++i)
        if (indices[i] < 0 || int64_t(indices[i]) >= p.axis_size) return i;
    for (int64_t b = 0; b < p.batch; ++b)
        for (int64_t o = 0; o < p.outer; ++o) {
            const uint8_t* src = params + size_t((b * p.outer + o) * p.axis_size) * p.inner_bytes;
            for (int64_t c = 0; c < p.coords; ++c) {
                if (p.inner_bytes) std::memcpy(out, src + size_t(indices[b * p.coords + c]) * p.inner_bytes, p.inner_bytes);
                out += p.inner_bytes;
            }
        }
    return -1;
}

}  // namespace flatnn::reference
