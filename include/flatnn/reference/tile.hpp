#pragma once
// Reference TILE and BROADCAST_TO: repeated reads of the input as strided views (a zero stride repeats).
#include "flatnn/reference/strided_copy.hpp"

namespace flatnn::reference {

// TILE: each axis with multiple m > 1 becomes two view axes, [m] with stride 0 outside [dim] with the input's
// stride. Returns false when that needs more than 8 axes.
inline bool tile_view(const shape& in, const int32_t* multiples, strided_view& v) noexcept {
    int64_t s[shape::max_rank];
    dense_strides(in, s);
    v = strided_view{};
    for (int d = 0; d < in.rank(); ++d) {
        if (multiples[d] != 1) {
            if (v.rank == shape::max_rank) return false;
            v.dims[v.rank] = multiples[d];
            v.stride[v.rank++] = 0;
        }
        if (v.rank == shape::max_rank) return false;
        v.dims[v.rank] = in[d];
        v.stride[v.rank++] = s[d];
    }
    return true;
}

// BROADCAST_TO: input axes align with the output's trailing axes; size-1 input axes repeat (stride 0).
inline strided_view broadcast_view(const shape& in, const shape& out) noexcept {
    int64_t s[shape::max_rank];
    dense_strides(in, s);
    strided_view v;
    v.rank = out.rank();
    const int lead = out.rank() - in.rank();
    for (int d = 0; d < v.rank; ++d) {
        v.dims[d] = out[d];
        v.stride[d] = (d < lead || in[d - lead] == 1) ? 0 : s[d - lead];
    }
    return v;
}

}  // namespace flatnn::reference
