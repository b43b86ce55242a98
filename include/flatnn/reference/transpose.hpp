#pragma once
// Reference TRANSPOSE: output axis i walks input axis perm[i]; the copy itself is reference::strided_copy.
#include "flatnn/reference/strided_copy.hpp"

namespace flatnn::reference {

// perm must be a permutation of [0, in.rank()).
inline strided_view transpose_view(const shape& in, const int* perm) noexcept {
    int64_t s[shape::max_rank];
    dense_strides(in, s);
    strided_view v;
    v.rank = in.rank();
    for (int i = 0; i < v.rank; ++i) {
        v.dims[i] = in[perm[i]];
        v.stride[i] = s[perm[i]];
    }
    return v;
}

}  // namespace flatnn::reference
