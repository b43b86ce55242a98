#pragma once
// Reference MEAN kernels over any set of axes. Sums go to a scratch buffer with one slot per output element.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "flatnn/core/shape.hpp"
#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/reference/reduce.hpp"

namespace flatnn::reference {

// The reduction layout with MEAN's quantized parameters (reference/reduce.hpp).
using mean_params = reduce_params;

inline void mean_float(const mean_params& p, const float* in, float* out, float* scratch) noexcept {
    if (p.count == 0) {  // empty input: TFLite writes NaN
        std::fill(out, out + p.out_size, std::numeric_limits<float>::quiet_NaN());
        return;
    }
    reduce_fold(p, in, scratch, 0.0f, reduce_sum_fn{});
    for (int64_t o = 0; o < p.out_size; ++o) out[o] = scratch[o] / float(p.count);
}

template <class T>
inline void mean_quantized(const mean_params& p, const T* in, T* out, int32_t* scratch) noexcept {
    if (p.count == 0) {
        std::fill(out, out + p.out_size, T(0));
        return;
    }
    reduce_fold(p, in, scratch, int32_t(0), reduce_sum_fn{});
    for (int64_t o = 0; o < p.out_size; ++o) {
        const int32_t sum = int32_t(uint32_t(scratch[o]) + uint32_t(p.sum_offset));
        int32_t v = fixed_point::add_saturated(fixed_point::multiply_by_quantized_multiplier(sum, p.multiplier, p.shift), p.out_offset);
        v = std::min<int32_t>(std::max<int32_t>(v, std::numeric_limits<T>::min()), std::numeric_limits<T>::max());
        out[o] = T(v);
    }
}

}  // namespace flatnn::reference
