#pragma once
// Reference L2_NORMALIZATION (float32, over the last axis): x / max(sqrt(Σ x²), 1e-6), as TensorFlow Lite.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace flatnn::reference {

inline void l2_normalization(const float* in, int64_t outer, int32_t depth, float* out) noexcept {
    for (int64_t i = 0; i < outer; ++i) {
        const float* x = in + i * depth;
        float sq = 0.0f;
        for (int32_t c = 0; c < depth; ++c) sq += x[c] * x[c];
        const float norm = std::max(std::sqrt(sq), 1e-6f);
        for (int32_t c = 0; c < depth; ++c) out[i * depth + c] = x[c] / norm;
    }
}

}  // namespace flatnn::reference
