#pragma once
// Strided copy: the output, walked in row-major order, reads the input at offset + Σ index[d]·stride[d].
// One byte-level kernel serves every op that only moves elements along affine index maps: TRANSPOSE (permuted
// strides), SLICE / STRIDED_SLICE (offset, negative strides), REVERSE_V2, BROADCAST_TO and TILE (zero strides),
// DEPTH_TO_SPACE / SPACE_TO_DEPTH and BATCH_TO_SPACE_ND (higher-rank views of the same bytes).
#include <cstdint>
#include <cstring>

#include "flatnn/core/shape.hpp"

namespace flatnn::reference {

struct strided_view {
    int rank = 0;
    int32_t dims[shape::max_rank] = {};   // output dims
    int64_t stride[shape::max_rank] = {};  // input step per output axis, in elements (0 or negative allowed)
    int64_t offset = 0;                    // input element read for output index 0
};

// Row-major strides of a dense shape, in elements.
inline void dense_strides(const shape& s, int64_t* out) noexcept {
    int64_t k = 1;
    for (int d = s.rank() - 1; d >= 0; --d) {
        out[d] = k;
        k *= s[d];
    }
}

// Drops size-1 axes and merges neighbours that are contiguous in the input, so that the inner loop copies
// the longest runs. The element order of the output is unchanged.
inline void simplify(strided_view& v) noexcept {
    strided_view r;
    r.offset = v.offset;
    for (int d = 0; d < v.rank; ++d) {
        if (v.dims[d] == 0) {  // empty output: keep a single empty axis
            r.rank = 1, r.dims[0] = 0, r.stride[0] = 1;
            v = r;
            return;
        }
        if (v.dims[d] == 1) continue;
        if (r.rank > 0 && r.stride[r.rank - 1] == v.stride[d] * v.dims[d]) {
            r.dims[r.rank - 1] *= v.dims[d];
            r.stride[r.rank - 1] = v.stride[d];
            continue;
        }
        r.dims[r.rank] = v.dims[d];
        r.stride[r.rank] = v.stride[d];
        ++r.rank;
    }
    v = r;
}

inline void strided_copy(const strided_view& v, size_t es, const uint8_t* in, uint8_t* out) noexcept {
    if (v.rank == 0) {
        std::memcpy(out, in + size_t(v.offset) * es, es);
        return;
    }
    for (int d = 0; d < v.rank; ++d)
        if (v.dims[d] == 0) return;
    const int last = v.rank - 1;
    const int32_t row = v.dims[last];
    const int64_t step = v.stride[last];
    int32_t idx[shape::max_rank] = {};
    int64_t base = v.offset;
    for (;;) {
        if (step == 1) {
            std::memcpy(out, in + size_t(base) * es, size_t(row) * es);
            out += size_t(row) * es;
        } else {
            int64_t at = base;
            for (int32_t i = 0; i < row; ++i, at += step, out += es) std::memcpy(out, in + at * int64_t(es), es);
        }
        int d = last - 1;
        for (; d >= 0; --d) {
            base += v.stride[d];
            if (++idx[d] < v.dims[d]) break;
            base -= v.stride[d] * v.dims[d];
            idx[d] = 0;
        }
        if (d < 0) return;
    }
}

}  // namespace flatnn::reference
