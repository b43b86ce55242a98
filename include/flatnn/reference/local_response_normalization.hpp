#pragma once
// Reference LOCAL_RESPONSE_NORMALIZATION (float32, over the last axis):
// out[c] = in[c] · (bias + alpha · Σ in[j]², j in [c - radius, c + radius) ∩ [0, depth))^(-beta): the window
// ends before c + radius in TensorFlow Lite's kernel (checked against it by the fixtures).
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace flatnn::reference {

struct lrn_params {
    int32_t radius = 5;
    float bias = 1, alpha = 1, beta = 0.5f;
};

inline void local_response_normalization(const lrn_params& p, const float* in, int64_t outer, int32_t depth,
                                         float* out) noexcept {
    for (int64_t i = 0; i < outer; ++i) {
        const float* x = in + i * depth;
        for (int32_t c = 0; c < depth; ++c) {
            // 64-bit window bounds: a radius near INT32_MAX must not overflow c + radius.
            const int64_t lo = std::max<int64_t>(0, int64_t(c) - p.radius);
            const int64_t hi = std::min<int64_t>(depth, int64_t(c) + p.radius);
            float acc = 0.0f;
            for (int64_t j = lo; j < hi; ++j) acc += x[j] * x[j];
            out[i * depth + c] = x[c] * std::pow(p.bias + p.alpha * acc, -p.beta);
        }
    }
}

}  // namespace flatnn::reference
