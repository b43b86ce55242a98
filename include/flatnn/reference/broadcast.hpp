#pragma once
// NumPy-style broadcasting of two operands (tflite-format.md §7.8): the output shape and, per output axis,
// each operand's element stride (0 where that operand has size 1 and is repeated).
#include <cstdint>

#include "flatnn/core/shape.hpp"

namespace flatnn::reference {

struct broadcast_params {
    bool same_shape = true;  // no broadcasting: walk all three tensors in lockstep
    int rank = 0;
    int32_t dims[shape::max_rank] = {};
    int64_t stride1[shape::max_rank] = {};
    int64_t stride2[shape::max_rank] = {};
};

// Returns false when the shapes are not broadcast-compatible.
inline bool make_broadcast(const shape& a, const shape& b, shape& out, broadcast_params& p) noexcept {
    p = broadcast_params{};
    const int rank = a.rank() > b.rank() ? a.rank() : b.rank();
    p.rank = rank;
    out = shape{};
    for (int i = 0; i < rank; ++i) {
        const int ia = i - (rank - a.rank()), ib = i - (rank - b.rank());
        const int32_t da = ia >= 0 ? a[ia] : 1, db = ib >= 0 ? b[ib] : 1;
        if (da != db && da != 1 && db != 1) return false;
        const int32_t d = da == 1 ? db : da;
        p.dims[i] = d;
        out.push_back(d);
    }
    p.same_shape = a == b;
    int64_t sa = 1, sb = 1;
    for (int i = rank - 1; i >= 0; --i) {
        const int ia = i - (rank - a.rank()), ib = i - (rank - b.rank());
        const int32_t da = ia >= 0 ? a[ia] : 1, db = ib >= 0 ? b[ib] : 1;
        p.stride1[i] = da == 1 ? 0 : sa;
        p.stride2[i] = db == 1 ? 0 : sb;
        sa *= da;
        sb *= db;
    }
    return true;
}

// Calls f(out_index, index1, index2) for every output element in row-major order.
template <class F>
inline void for_each_broadcast(const broadcast_params& p, F&& f) noexcept {
    int64_t total = 1;
    for (int i = 0; i < p.rank; ++i) total *= p.dims[i];
    if (total == 0) return;
    if (p.same_shape) {
        for (int64_t i = 0; i < total; ++i) f(i, i, i);
        return;
    }
    if (p.rank == 0) {
        f(0, 0, 0);
        return;
    }
    int32_t idx[shape::max_rank] = {};
    int64_t i1 = 0, i2 = 0;
    const int last = p.rank - 1;
    const int32_t inner = p.dims[last];
    const int64_t s1 = p.stride1[last], s2 = p.stride2[last];
    for (int64_t o = 0; o < total;) {
        for (int32_t k = 0; k < inner; ++k) f(o++, i1 + k * s1, i2 + k * s2);
        // Advance the outer axes like an odometer, keeping both operand offsets in step.
        int d = last - 1;
        for (; d >= 0; --d) {
            i1 += p.stride1[d];
            i2 += p.stride2[d];
            if (++idx[d] < p.dims[d]) break;
            i1 -= p.stride1[d] * p.dims[d];
            i2 -= p.stride2[d] * p.dims[d];
            idx[d] = 0;
        }
        if (d < 0) break;
    }
}

}  // namespace flatnn::reference
