#pragma once
// Reference PAD: fills the output with the pad value, then copies each innermost input row into place.
// A byte-level kernel for any element type.
#include <cstdint>
#include <cstring>

#include "flatnn/core/shape.hpp"

namespace flatnn::reference {

struct pad_params {
    int32_t before[shape::max_rank] = {};  // leading padding per axis
    size_t element_size = 0;
    uint8_t value[8] = {};  // one element's bytes
};

inline void pad(const pad_params& p, const shape& in_dims, const uint8_t* in, const shape& out_dims,
                uint8_t* out) noexcept {
    const size_t es = p.element_size;
    const int64_t out_count = out_dims.num_elements();
    for (int64_t i = 0; i < out_count; ++i) std::memcpy(out + size_t(i) * es, p.value, es);
    const int rank = in_dims.rank();
    if (in_dims.num_elements() == 0) return;
    if (rank == 0) {
        std::memcpy(out, in, es);
        return;
    }
    // Output strides, in elements.
    int64_t ostride[shape::max_rank];
    int64_t s = 1;
    for (int d = rank - 1; d >= 0; --d) {
        ostride[d] = s;
        s *= out_dims[d];
    }
    const int32_t row = in_dims[rank - 1];
    const int64_t rows = in_dims.num_elements() / row;
    int32_t idx[shape::max_rank] = {};
    for (int64_t r = 0; r < rows; ++r) {
        int64_t o = p.before[rank - 1];
        for (int d = 0; d < rank - 1; ++d) o += int64_t(idx[d] + p.before[d]) * ostride[d];
        std::memcpy(out + size_t(o) * es, in + size_t(r) * size_t(row) * es, size_t(row) * es);
        for (int d = rank - 2; d >= 0; --d) {
            if (++idx[d] < in_dims[d]) break;
            idx[d] = 0;
        }
    }
}

}  // namespace flatnn::reference
