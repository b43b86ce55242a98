#pragma once
// SELECT / SELECT_V2: out = condition ? x : y, element by element, each operand read through its own strides
// (0 along the axes it is broadcast over). Elements are copied as raw bytes of their size, so one kernel serves
// every type (quantized values are copied unchanged, as TFLite).
#include <cstdint>
#include <cstring>

#include "flatnn/core/shape.hpp"

namespace flatnn::reference {

struct select_params {
    int rank = 0;
    int32_t dims[shape::max_rank] = {};
    int64_t stride[3][shape::max_rank] = {};  // condition, x, y
};

// The broadcast shape of three operands (right-aligned, each dimension equal or 1); false when incompatible.
inline bool make_select_broadcast(const shape* const ops[3], shape& out, select_params& p) noexcept {
    p = select_params{};
    int rank = 0;
    for (int k = 0; k < 3; ++k) rank = ops[k]->rank() > rank ? ops[k]->rank() : rank;
    p.rank = rank;
    out = shape{};
    for (int i = 0; i < rank; ++i) {
        int32_t d = 1;
        for (int k = 0; k < 3; ++k) {
            const int j = i - (rank - ops[k]->rank());
            const int32_t dk = j >= 0 ? (*ops[k])[j] : 1;
            if (dk == 1) continue;
            if (d != 1 && d != dk) return false;
            d = dk;
        }
        p.dims[i] = d;
        out.push_back(d);
    }
    for (int k = 0; k < 3; ++k) {
        int64_t s = 1;
        for (int i = rank - 1; i >= 0; --i) {
            const int j = i - (rank - ops[k]->rank());
            const int32_t dk = j >= 0 ? (*ops[k])[j] : 1;
            p.stride[k][i] = dk == 1 ? 0 : s;
            s *= dk;
        }
    }
    return true;
}

inline void select_bytes(const select_params& p, size_t elem, const bool* cond, const uint8_t* x, const uint8_t* y,
                         uint8_t* out) noexcept {
    int64_t total = 1;
    for (int i = 0; i < p.rank; ++i) total *= p.dims[i];
    if (total == 0) return;
    int32_t idx[shape::max_rank] = {};
    int64_t off[3] = {0, 0, 0};
    for (int64_t o = 0; o < total; ++o) {
        std::memcpy(out + o * int64_t(elem), (cond[off[0]] ? x + off[1] * int64_t(elem) : y + off[2] * int64_t(elem)), elem);
        for (int d = p.rank - 1; d >= 0; --d) {
            for (int k = 0; k < 3; ++k) off[k] += p.stride[k][d];
            if (++idx[d] < p.dims[d]) break;
            for (int k = 0; k < 3; ++k) off[k] -= p.stride[k][d] * p.dims[d];
            idx[d] = 0;
        }
    }
}

}  // namespace flatnn::reference
