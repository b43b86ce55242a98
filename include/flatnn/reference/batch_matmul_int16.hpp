#pragma once
// Reference int16 BATCH_MATMUL (16x8 models): int16 lhs times int16 rhs, all zero points 0, as TensorFlow
// Lite's reference kernel: each dot product summed over k in ascending order in int64, then rescaled with the 64-bit
// form of MultiplyByQuantizedMultiplier (multiplier reduced to 16 bits) and clamped to int16. The batch loop and
// its broadcast strides are those of reference/batch_matmul.hpp.
#include <algorithm>
#include <cstdint>

#include "flatnn/reference/batch_matmul.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

inline void batch_matmul_int16(const batch_matmul_params& p, const int16_t* lhs, const int16_t* rhs,
                               int16_t* out) noexcept {
    const int64_t M = p.M, N = p.N, K = p.K;
    int64_t at = 0;
    for (int32_t b0 = 0; b0 < p.batch_dims[0]; ++b0)
        for (int32_t b1 = 0; b1 < p.batch_dims[1]; ++b1)
            for (int32_t b2 = 0; b2 < p.batch_dims[2]; ++b2) {
                const int16_t* l =
                    lhs + (b0 * p.lhs_batch_stride[0] + b1 * p.lhs_batch_stride[1] + b2 * p.lhs_batch_stride[2]) * M * K;
                const int16_t* r =
                    rhs + (b0 * p.rhs_batch_stride[0] + b1 * p.rhs_batch_stride[1] + b2 * p.rhs_batch_stride[2]) * K * N;
                for (int64_t m = 0; m < M; ++m)
                    for (int64_t n = 0; n < N; ++n) {
                        // |term| <= 2^30: int64 cannot overflow for any K an int32 dimension can hold.
                        int64_t acc = 0;
                        for (int64_t k = 0; k < K; ++k)
                            acc += int64_t(p.adj_x ? l[k * M + m] : l[m * K + k]) *
                                   int64_t(p.adj_y ? r[n * K + k] : r[k * N + n]);
                        const int32_t v = fixed_point::multiply_by_quantized_multiplier(acc, p.multiplier, p.shift);
                        out[at++] = int16_t(std::min<int32_t>(std::max<int32_t>(v, -32768), 32767));
                    }
            }
}

}  // namespace flatnn::reference
