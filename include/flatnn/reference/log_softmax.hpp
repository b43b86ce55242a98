#pragma once
// Reference LOG_SOFTMAX over the last axis (float): x - max - log(sum(exp(x - max))) per row, in TFLite's order.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace flatnn::reference {

inline void log_softmax_float(int64_t rows, int32_t depth, const float* in, float* out) noexcept {
    for (int64_t r = 0; r < rows; ++r) {
        const float* x = in + r * depth;
        float* y = out + r * depth;
        float max = std::numeric_limits<float>::lowest();
        for (int32_t c = 0; c < depth; ++c) max = std::max(max, x[c]);
        float sum = 0.0f;
        for (int32_t c = 0; c < depth; ++c) sum += std::exp(x[c] - max);
        const float log_sum = std::log(sum);
        for (int32_t c = 0; c < depth; ++c) y[c] = x[c] - max - log_sum;
    }
}

}  // namespace flatnn::reference
