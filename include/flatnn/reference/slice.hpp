#pragma once
// Reference SLICE: the window [begin, begin + size) per axis, read through reference::strided_copy.
#include "flatnn/reference/strided_copy.hpp"

namespace flatnn::reference {

// begin/size already resolved (size >= 0, begin + size <= in[d]).
inline strided_view slice_view(const shape& in, const int32_t* begin, const int32_t* size) noexcept {
    int64_t s[shape::max_rank];
    dense_strides(in, s);
    strided_view v;
    v.rank = in.rank();
    for (int d = 0; d < v.rank; ++d) {
        v.dims[d] = size[d];
        v.stride[d] = s[d];
        v.offset += int64_t(begin[d]) * s[d];
    }
    return v;
}

}  // namespace flatnn::reference
