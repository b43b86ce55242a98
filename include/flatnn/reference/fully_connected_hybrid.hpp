#pragma once
// Hybrid FULLY_CONNECTED: float input [B, K], int8 weights [O, K] (symmetric, per tensor or per unit), float
// bias and output. Each input row is quantized on the fly (reference/hybrid_quantize.hpp); the integer dot
// product is scaled back by row_scale * weight_scale[o] and added to the bias, as TensorFlow Lite does.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "flatnn/reference/hybrid_quantize.hpp"

namespace flatnn::reference {

struct fully_connected_hybrid_params {
    int32_t batches = 0, input_size = 0, units = 0;
    float act_min = 0, act_max = 0;
    bool asymmetric = false;          // FullyConnectedOptions.asymmetric_quantize_inputs
    std::vector<float> weight_scale;  // one per unit
};

// qrow: scratch for one quantized input row (input_size bytes).
inline void fully_connected_hybrid(const fully_connected_hybrid_params& p, const float* in, const int8_t* w,
                                   const float* bias, float* out, int8_t* qrow) noexcept {
    const int32_t K = p.input_size, O = p.units;
    for (int32_t b = 0; b < p.batches; ++b) {
        const float* x = in + int64_t(b) * K;
        const hybrid_row_quant rq = p.asymmetric ? quantize_row_asymmetric(x, K, qrow) : quantize_row_symmetric(x, K, qrow);
        float* y = out + int64_t(b) * O;
        for (int32_t o = 0; o < O; ++o) {
            const int8_t* wr = w + int64_t(o) * K;
            int32_t acc = 0, wsum = 0;
            for (int32_t k = 0; k < K; ++k) {
                acc += int32_t(wr[k]) * int32_t(qrow[k]);
                wsum += wr[k];
            }
            // sum w (q - offset) = sum w q - offset sum w
            acc -= wsum * rq.offset;
            const float scale = rq.scale * p.weight_scale[size_t(o)];
            const float v = (bias ? bias[o] : 0.0f) + float(acc) * scale;
            y[o] = std::min(std::max(v, p.act_min), p.act_max);
        }
    }
}

}  // namespace flatnn::reference
