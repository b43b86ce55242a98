#pragma once
// Quantized REDUCE_PROD (int8, int16) as TensorFlow Lite's reference kernel: the product of n factors is kept in
// int32 by rescaling every step with s = s_in / s_out^(1/n) (prepare). The first factor of each output is x - z_in
// unscaled, each further one multiplies in (x - z_in) and rescales by s, and the result is rescaled once more, so
// s^n = s_in^n / s_out in all.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/reference/reduce.hpp"

namespace flatnn::reference {

// p.multiplier/p.shift hold s, p.sum_offset the input zero point, p.out_offset the output zero point.
template <class T>
inline void reduce_prod_quantized(const reduce_params& p, const T* in, T* out, int32_t* prods) noexcept {
    const auto rescale = [&](int64_t v) { return fixed_point::multiply_by_quantized_multiplier(v, p.multiplier, p.shift); };
    if (p.in_size > 0) {
        int32_t idx[8] = {};
        int64_t o = 0;
        int nonzero_reduced = 0;  // reduced axes whose index is not 0: the first factor of o has none
        for (int64_t i = 0; i < p.in_size; ++i) {
            const int32_t x = int32_t(in[i]) - p.sum_offset;
            prods[o] = nonzero_reduced == 0 ? x : rescale(int64_t(prods[o]) * x);
            for (int d = p.rank - 1; d >= 0; --d) {  // row-major step, output offset and counter in step
                const bool reduced = p.out_stride[d] == 0;
                o += p.out_stride[d];
                if (++idx[d] < p.in_dims[d]) {
                    if (reduced && idx[d] == 1) ++nonzero_reduced;
                    break;
                }
                o -= p.out_stride[d] * p.in_dims[d];
                if (reduced && idx[d] > 1) --nonzero_reduced;
                idx[d] = 0;
            }
        }
    } else {
        // TFLite leaves the output unwritten for an empty input; here it is the output zero point.
        std::fill(prods, prods + p.out_size, int32_t(0));
    }
    for (int64_t k = 0; k < p.out_size; ++k) {
        const int32_t v = fixed_point::add_saturated(rescale(int64_t(prods[k])), p.out_offset);
        out[k] = T(std::min<int32_t>(std::max<int32_t>(v, std::numeric_limits<T>::min()), std::numeric_limits<T>::max()));
    }
}

}  // namespace flatnn::reference
