#pragma once
// The walk shared by the reductions (MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD, REDUCE_ANY): every input
// element folded into the output slot it reduces to.
#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct reduce_params {
    int rank = 0;
    int32_t in_dims[8] = {};
    int64_t out_stride[8] = {};  // stride of each input dimension in the output; 0 for reduced dimensions
    int64_t in_size = 0, out_size = 0, count = 0;  // count = elements summed into each output
    // Quantized MEAN/SUM: out = clamp(MBQM(sum + sum_offset, multiplier, shift) + out_offset), see ops/mean.hpp.
    int32_t multiplier = 0;
    int shift = 0;
    int32_t sum_offset = 0, out_offset = 0;
};

// acc[o] = f(acc[o], x) over the input elements x that reduce into output o, acc[] filled with init first.
template <class T, class Acc, class F>
inline void reduce_fold(const reduce_params& p, const T* in, Acc* acc, Acc init, F&& f) noexcept {
    std::fill(acc, acc + p.out_size, init);
    int32_t idx[8] = {};
    int64_t o = 0;
    if (p.rank > 0 && p.in_dims[p.rank - 1] > 0) {  // a run of the last dimension at a time (a loop that vectorizes)
        const int last = p.rank - 1;
        const int32_t run = p.in_dims[last];
        const int64_t step = p.out_stride[last];
        for (int64_t i = 0; i < p.in_size; i += run) {
            if (step == 0) {
                Acc a = acc[o];
                for (int32_t j = 0; j < run; ++j) a = f(a, in[i + j]);
                acc[o] = a;
            } else {
                for (int32_t j = 0; j < run; ++j) acc[o + j * step] = f(acc[o + j * step], in[i + j]);
            }
            for (int d = last - 1; d >= 0; --d) {
                o += p.out_stride[d];
                if (++idx[d] < p.in_dims[d]) break;
                o -= p.out_stride[d] * p.in_dims[d];
                idx[d] = 0;
            }
        }
        return;
    }
    for (int64_t i = 0; i < p.in_size; ++i) {
        acc[o] = f(acc[o], in[i]);
        // Advance the multi-index (last dimension fastest) and keep the output offset in step.
        for (int d = p.rank - 1; d >= 0; --d) {
            o += p.out_stride[d];
            if (++idx[d] < p.in_dims[d]) break;
            o -= p.out_stride[d] * p.in_dims[d];
            idx[d] = 0;
        }
    }
}

// Each fold with its identity (the value of an empty reduction, as TFLite's init values).
struct reduce_sum_fn {
    // Integer sums wrap (as TFLite's int32 sums do on x86) instead of overflowing.
    template <class A, class T>
    A operator()(A acc, T x) const noexcept {
        return fixed_point::wrap_add(acc, x);
    }
    template <class T>
    static T identity() noexcept { return T(0); }
};
struct reduce_max_fn {
    template <class T>
    T operator()(T acc, T x) const noexcept { return x > acc ? x : acc; }
    template <class T>
    static T identity() noexcept { return std::numeric_limits<T>::lowest(); }
};
struct reduce_min_fn {
    template <class T>
    T operator()(T acc, T x) const noexcept { return x < acc ? x : acc; }
    template <class T>
    static T identity() noexcept { return std::numeric_limits<T>::max(); }
};
struct reduce_prod_fn {
    template <class T>
    T operator()(T acc, T x) const noexcept { return fixed_point::wrap_mul(acc, x); }
    template <class T>
    static T identity() noexcept { return T(1); }
};
struct reduce_any_fn {
    bool operator()(bool acc, bool x) const noexcept { return acc || x; }
    template <class T>
    static T identity() noexcept { return false; }
};

}  // namespace flatnn::reference
