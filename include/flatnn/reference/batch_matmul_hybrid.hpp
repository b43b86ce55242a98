#pragma once
// Hybrid BATCH_MATMUL: float lhs, int8 rhs (symmetric, one scale), float output. Each lhs row of K values (a
// column when adj_x) is quantized on the fly (reference/hybrid_quantize.hpp). As in TensorFlow Lite's
// reference kernel, the offset correction sum(w) * offset is subtracted in float and truncated back to int32
// before the rescale by row_scale * rhs_scale.
#include <cstdint>

#include "flatnn/reference/batch_matmul.hpp"
#include "flatnn/reference/hybrid_quantize.hpp"

namespace flatnn::reference {

struct batch_matmul_hybrid_params {
    batch_matmul_params mm;  // shapes, broadcast strides, adj_x / adj_y
    int64_t lhs_matrices = 0;
    bool asymmetric = false;  // BatchMatMulOptions.asymmetric_quantize_inputs
    float rhs_scale = 0;
};

// Scratch: q (lhs_matrices * M * K bytes, rows of K), row (K floats, for adj_x), quant (lhs_matrices * M).
inline void batch_matmul_hybrid(const batch_matmul_hybrid_params& hp, const float* lhs, const int8_t* rhs, float* out,
                                int8_t* q, float* row, hybrid_row_quant* quant) noexcept {
    const batch_matmul_params& p = hp.mm;
    const int64_t M = p.M, N = p.N, K = p.K;
    for (int64_t mat = 0; mat < hp.lhs_matrices; ++mat)
        for (int64_t m = 0; m < M; ++m) {
            const float* l = lhs + mat * M * K;
            const float* x = l + m * K;
            if (p.adj_x) {  // lhs matrix is [K, M]: gather column m
                for (int64_t k = 0; k < K; ++k) row[k] = l[k * M + m];
                x = row;
            }
            int8_t* qr = q + (mat * M + m) * K;
            quant[mat * M + m] = hp.asymmetric ? quantize_row_asymmetric(x, K, qr) : quantize_row_symmetric(x, K, qr);
        }
    int64_t out_at = 0;
    for (int32_t b0 = 0; b0 < p.batch_dims[0]; ++b0)
        for (int32_t b1 = 0; b1 < p.batch_dims[1]; ++b1)
            for (int32_t b2 = 0; b2 < p.batch_dims[2]; ++b2) {
                const int64_t mat = b0 * p.lhs_batch_stride[0] + b1 * p.lhs_batch_stride[1] + b2 * p.lhs_batch_stride[2];
                const int8_t* r = rhs + (b0 * p.rhs_batch_stride[0] + b1 * p.rhs_batch_stride[1] + b2 * p.rhs_batch_stride[2]) * K * N;
                for (int64_t m = 0; m < M; ++m) {
                    const int8_t* qr = q + (mat * M + m) * K;
                    const hybrid_row_quant rq = quant[mat * M + m];
                    const float scale = rq.scale * hp.rhs_scale;
                    for (int64_t n = 0; n < N; ++n) {
                        int32_t acc = 0, wsum = 0;
                        for (int64_t k = 0; k < K; ++k) {
                            const int32_t w = p.adj_y ? r[n * K + k] : r[k * N + n];
                            acc += w * int32_t(qr[k]);
                            wsum += w;
                        }
                        const int32_t total = int32_t(float(acc) - float(wsum) * float(rq.offset));
                        out[out_at++] = scale * float(total);
                    }
                }
            }
}

}  // namespace flatnn::reference
