#pragma once
// Reference MEAN kernels over any set of axes. Sums go to a scratch buffer with one slot per output element.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "flatnn/core/shape.hpp"
#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct mean_params {
    int rank = 0;
    int32_t in_dims[8] = {};
    int64_t out_stride[8] = {};  // stride of each input dimension in the output; 0 for reduced dimensions
    int64_t in_size = 0, out_size = 0, count = 0;  // count = elements summed into each output
    // Quantized: out = clamp(MBQM(sum + sum_offset, multiplier, shift) + out_offset), see ops/mean.hpp.
    int32_t multiplier = 0;
    int shift = 0;
    int32_t sum_offset = 0, out_offset = 0;
};

// acc[o] = sum of the input elements that reduce into output o.
template <class T, class Acc>
inline void reduce_sum(const mean_params& p, const T* in, Acc* acc) noexcept {
    std::fill(acc, acc + p.out_size, Acc(0));
    int32_t idx[8] = {};
    int64_t o = 0;
    for (int64_t i = 0; i < p.in_size; ++i) {
        acc[o] += Acc(in[i]);
        // Advance the multi-index (last dimension fastest) and keep the output offset in step.
        for (int d = p.rank - 1; d >= 0; --d) {
            o += p.out_stride[d];
            if (++idx[d] < p.in_dims[d]) break;
            o -= p.out_stride[d] * p.in_dims[d];
            idx[d] = 0;
        }
    }
}

inline void mean_float(const mean_params& p, const float* in, float* out, float* scratch) noexcept {
    if (p.count == 0) {  // empty input: TFLite writes NaN
        std::fill(out, out + p.out_size, std::numeric_limits<float>::quiet_NaN());
        return;
    }
    reduce_sum(p, in, scratch);
    for (int64_t o = 0; o < p.out_size; ++o) out[o] = scratch[o] / float(p.count);
}

template <class T>
inline void mean_quantized(const mean_params& p, const T* in, T* out, int32_t* scratch) noexcept {
    if (p.count == 0) {
        std::fill(out, out + p.out_size, T(0));
        return;
    }
    reduce_sum(p, in, scratch);
    for (int64_t o = 0; o < p.out_size; ++o) {
        const int32_t sum = int32_t(uint32_t(scratch[o]) + uint32_t(p.sum_offset));
        int32_t v = fixed_point::multiply_by_quantized_multiplier(sum, p.multiplier, p.shift) + p.out_offset;
        v = std::min<int32_t>(std::max<int32_t>(v, std::numeric_limits<T>::min()), std::numeric_limits<T>::max());
        out[o] = T(v);
    }
}

}  // namespace flatnn::reference
