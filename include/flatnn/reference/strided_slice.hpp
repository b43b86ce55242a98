#pragma once
// Reference STRIDED_SLICE: turns the sparse numpy-style spec (begin/end/strides with begin, end, ellipsis,
// new-axis and shrink masks) into a strided view of the input and the output shape, following TensorFlow's
// canonicalization: an ellipsis (explicit or implied at the end) stands for the unnamed axes, masked bounds
// take the whole axis in the stride's direction, other bounds count from the end when negative and are clamped,
// shrunk axes take the single element at begin and are dropped, new axes insert a 1.
#include <cstdint>

#include "flatnn/reference/strided_copy.hpp"

namespace flatnn::reference {

struct strided_slice_spec {
    int count = 0;  // entries in begin/end/strides
    const int64_t* begin = nullptr;
    const int64_t* end = nullptr;
    const int64_t* strides = nullptr;
    int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
};

// Returns nullptr on success, else what is wrong with the spec.
inline const char* strided_slice_plan(const shape& in, const strided_slice_spec& sp, strided_view& v,
                                      shape& out_shape) noexcept {
    const int rank = in.rank();
    if (sp.count > 32) return "more than 32 slice entries";
    if (sp.ellipsis_mask & (sp.ellipsis_mask - 1)) return "more than one ellipsis";
    // The input axis each sparse entry addresses (-1 for new axes), expanding the ellipsis.
    int new_after_ellipsis = 0;
    bool seen_ellipsis = false;
    for (int i = 0; i < sp.count; ++i) {
        if ((sp.ellipsis_mask >> i) & 1) seen_ellipsis = true;
        else if (seen_ellipsis && ((sp.new_axis_mask >> i) & 1)) ++new_after_ellipsis;
    }
    int64_t s_in[shape::max_rank];
    dense_strides(in, s_in);
    v = strided_view{};
    out_shape = shape{};
    int axis = 0;  // next input axis
    auto take_full = [&](int a) {
        v.dims[v.rank] = in[a];
        v.stride[v.rank] = s_in[a];
        ++v.rank;
        out_shape.push_back(in[a]);
    };
    for (int i = 0; i < sp.count; ++i) {
        if ((sp.ellipsis_mask >> i) & 1) {
            const int named_after = sp.count - i - 1 - new_after_ellipsis;
            const int stop = rank - named_after;
            while (axis < stop) take_full(axis++);
            continue;
        }
        if ((sp.new_axis_mask >> i) & 1) {
            if (!out_shape.push_back(1)) return "output rank exceeds 8";
            continue;
        }
        if (axis >= rank) return "more slice entries than input axes";
        const int64_t dim = in[axis], stride = sp.strides[i];
        if (stride == 0) return "a stride is zero";
        if ((sp.shrink_axis_mask >> i) & 1) {
            const int64_t b = sp.begin[i] < 0 ? sp.begin[i] + dim : sp.begin[i];
            if (b < 0 || b >= dim) return "a shrunk axis index is outside its dimension";
            v.offset += b * s_in[axis];
            ++axis;
            continue;
        }
        const int64_t lo = stride > 0 ? 0 : -1, hi = stride > 0 ? dim : dim - 1;
        auto bound = [&](int64_t x, bool masked, bool is_end) {
            if (masked) return (stride > 0) != is_end ? lo : hi;
            const int64_t f = x < 0 ? x + dim : x;
            return f < lo ? lo : (f > hi ? hi : f);
        };
        const int64_t b = bound(sp.begin[i], (sp.begin_mask >> i) & 1, false);
        const int64_t e = bound(sp.end[i], (sp.end_mask >> i) & 1, true);
        const int64_t len = e - b;
        int64_t size = 0;
        if (len != 0 && ((len < 0) == (stride < 0))) size = len / stride + (len % stride != 0 ? 1 : 0);
        v.dims[v.rank] = int32_t(size);
        v.stride[v.rank] = stride * s_in[axis];
        ++v.rank;
        v.offset += size > 0 ? b * s_in[axis] : 0;
        if (!out_shape.push_back(int32_t(size))) return "output rank exceeds 8";
        ++axis;
    }
    while (axis < rank) {  // implied ellipsis at the end
        if (out_shape.rank() >= shape::max_rank) return "output rank exceeds 8";
        take_full(axis++);
    }
    return nullptr;
}

}  // namespace flatnn::reference
