#pragma once
// Reference SCATTER_ND: a zero output of the given shape, then each index vector (last axis of indices,
// length D) adds its update slice at output[i0, ..., iD-1, :]; repeated indices accumulate, as in TensorFlow Lite.
// Indices are checked before anything is written.
#include <cstdint>
#include <cstring>

#include "flatnn/core/shape.hpp"

namespace flatnn::reference {

struct scatter_nd_params {
    int64_t count = 0;  // index vectors
    int32_t depth = 0;  // D
    int32_t dims[shape::max_rank] = {};
    int64_t strides[shape::max_rank] = {};  // in slices
    int64_t slice = 0;                      // elements per slice
    int64_t out_count = 0;
};

// Returns -1 on success, else the flat position of the first index outside its dimension.
template <class T, class Index>
inline int64_t scatter_nd(const scatter_nd_params& p, const Index* indices, const T* updates, T* out) noexcept {
    for (int64_t i = 0; i < p.count * p.depth; ++i)
        if (indices[i] < 0 || int64_t(indices[i]) >= p.dims[i % p.depth]) return i;
    for (int64_t i = 0; i < p.out_count; ++i) out[i] = T(0);
    for (int64_t i = 0; i < p.count; ++i) {
        int64_t at = 0;
        for (int32_t d = 0; d < p.depth; ++d) at += int64_t(indices[i * p.depth + d]) * p.strides[d];
        T* o = out + at * p.slice;
        const T* u = updates + i * p.slice;
        for (int64_t j = 0; j < p.slice; ++j) o[j] = T(o[j] + u[j]);
    }
    return -1;
}

}  // namespace flatnn::reference
