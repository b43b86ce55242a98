#pragma once
// Reference MIRROR_PAD: each output coordinate maps back into the input by mirroring at the edges, REFLECT
// without repeating the edge element (pads up to dim - 1), SYMMETRIC repeating it (pads up to dim).
// A byte-level kernel for any element type.
#include <cstdint>
#include <cstring>

#include "flatnn/core/shape.hpp"

namespace flatnn::reference {

struct mirror_pad_params {
    int32_t before[shape::max_rank] = {};
    bool symmetric = false;
    size_t element_size = 0;
};

// Input coordinate of output coordinate o along an axis of size dim.
inline int64_t mirror_index(int64_t o, int32_t before, int32_t dim, bool symmetric) noexcept {
    int64_t i = o - before;
    if (i < 0) i = symmetric ? -i - 1 : -i;
    else if (i >= dim) i = symmetric ? 2 * int64_t(dim) - 1 - i : 2 * int64_t(dim) - 2 - i;
    return i;
}

inline void mirror_pad(const mirror_pad_params& p, const shape& in_dims, const uint8_t* in, const shape& out_dims,
                       uint8_t* out) noexcept {
    const int rank = out_dims.rank();
    const size_t es = p.element_size;
    const int64_t count = out_dims.num_elements();
    if (count == 0) return;
    int64_t istride[shape::max_rank];
    int64_t s = 1;
    for (int d = rank - 1; d >= 0; --d) {
        istride[d] = s;
        s *= in_dims[d];
    }
    int32_t idx[shape::max_rank] = {};
    for (int64_t i = 0; i < count; ++i) {
        int64_t at = 0;
        for (int d = 0; d < rank; ++d) at += mirror_index(idx[d], p.before[d], in_dims[d], p.symmetric) * istride[d];
        std::memcpy(out + size_t(i) * es, in + size_t(at) * es, es);
        for (int d = rank - 1; d >= 0; --d) {
            if (++idx[d] < out_dims[d]) break;
            idx[d] = 0;
        }
    }
}

}  // namespace flatnn::reference
