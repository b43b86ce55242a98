#pragma once
// Reference REVERSE_V2: reversed axes read backwards (negative stride from the last element).
#include "flatnn/reference/strided_copy.hpp"

namespace flatnn::reference {

inline strided_view reverse_view(const shape& in, const bool* reversed) noexcept {
    int64_t s[shape::max_rank];
    dense_strides(in, s);
    strided_view v;
    v.rank = in.rank();
    for (int d = 0; d < v.rank; ++d) {
        v.dims[d] = in[d];
        v.stride[d] = reversed[d] ? -s[d] : s[d];
        if (reversed[d] && in[d] > 0) v.offset += int64_t(in[d] - 1) * s[d];
    }
    return v;
}

}  // namespace flatnn::reference
