#pragma once
// Reference BATCH_MATMUL: out[b] = op(lhs[b]) · op(rhs[b]) over broadcast batch dimensions, op transposing the
// last two axes when adj_x / adj_y is set. Each dot product sums k in ascending order, as TensorFlow Lite's
// reference kernel; int8 accumulates (x - zp_x)(y - zp_y) in int32 and rescales with the fixed-point multiplier.
#include <algorithm>
#include <cstdint>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct batch_matmul_params {
    int32_t batch_dims[3] = {1, 1, 1};  // output batch dims (leading ones padded with 1)
    int64_t lhs_batch_stride[3] = {};   // matrix strides per batch axis (0 where broadcast)
    int64_t rhs_batch_stride[3] = {};
    int32_t M = 0, N = 0, K = 0;
    bool adj_x = false, adj_y = false;
    // int8
    int32_t lhs_offset = 0, rhs_offset = 0, out_zero_point = 0;
    int32_t multiplier = 0;
    int shift = 0;
    int32_t act_min = -128, act_max = 127;
};

template <class T, class Acc, class Emit>
inline void batch_matmul_loop(const batch_matmul_params& p, const T* lhs, const T* rhs, Acc lo, Acc ro,
                              Emit&& emit) noexcept {
    const int64_t M = p.M, N = p.N, K = p.K;
    int64_t out_at = 0;
    for (int32_t b0 = 0; b0 < p.batch_dims[0]; ++b0)
        for (int32_t b1 = 0; b1 < p.batch_dims[1]; ++b1)
            for (int32_t b2 = 0; b2 < p.batch_dims[2]; ++b2) {
                const T* l = lhs + (b0 * p.lhs_batch_stride[0] + b1 * p.lhs_batch_stride[1] + b2 * p.lhs_batch_stride[2]) * M * K;
                const T* r = rhs + (b0 * p.rhs_batch_stride[0] + b1 * p.rhs_batch_stride[1] + b2 * p.rhs_batch_stride[2]) * K * N;
                for (int64_t m = 0; m < M; ++m)
                    for (int64_t n = 0; n < N; ++n) {
                        Acc acc = 0;
                        for (int64_t k = 0; k < K; ++k) {
                            const Acc x = Acc(p.adj_x ? l[k * M + m] : l[m * K + k]) + lo;
                            const Acc y = Acc(p.adj_y ? r[n * K + k] : r[k * N + n]) + ro;
                            acc = fixed_point::wrap_add(acc, y * x);
                        }
                        emit(out_at++, acc);
                    }
            }
}

inline void batch_matmul_float(const batch_matmul_params& p, const float* lhs, const float* rhs, float* out) noexcept {
    batch_matmul_loop<float, float>(p, lhs, rhs, 0.0f, 0.0f, [&](int64_t i, float acc) { out[i] = acc; });
}

inline void batch_matmul_int8(const batch_matmul_params& p, const int8_t* lhs, const int8_t* rhs, int8_t* out) noexcept {
    batch_matmul_loop<int8_t, int32_t>(p, lhs, rhs, p.lhs_offset, p.rhs_offset, [&](int64_t i, int32_t acc) {
        const int32_t v =
            fixed_point::add_saturated(fixed_point::multiply_by_quantized_multiplier(acc, p.multiplier, p.shift), p.out_zero_point);
        out[i] = int8_t(std::min(std::max(v, p.act_min), p.act_max));
    });
}

}  // namespace flatnn::reference
