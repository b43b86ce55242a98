#pragma once
// Reference L2_NORMALIZATION over the last axis, as TensorFlow Lite: float32 x / max(sqrt(Σ x²), 1e-6); 8-bit
// (output scale 1/128) through the fixed-point inverse square root of Σ (q - z)², the uint8 kernel with a
// rounding right shift of (q - z)·128, the int8 one with a rescale by 2^7 folded into the multiplier.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/reference/rsqrt.hpp"

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

template <class T>
inline void l2_normalization_quantized(const T* in, int64_t outer, int32_t depth, int32_t zero_point, T* out) noexcept {
    for (int64_t i = 0; i < outer; ++i) {
        const T* x = in + i * depth;
        uint32_t sq = 0;  // wraps like TFLite's int32 sum (only far beyond 2^15 elements)
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t d = int32_t(x[c]) - zero_point;
            sq += uint32_t(d * d);
        }
        int32_t inv = 0;
        int shift = 0;  // <= 0
        inv_sqrt_multiplier(int32_t(sq), inv, shift);
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t d = int32_t(x[c]) - zero_point;
            int32_t v;
            if (std::is_same<T, uint8_t>::value)
                v = 128 + fixed_point::rdbpot(fixed_point::srdhm(128 * d, inv), -shift);
            else
                v = fixed_point::multiply_by_quantized_multiplier(d, inv, shift + 7);
            out[i * depth + c] = clamp_to<T>(v);
        }
    }
}

}  // namespace flatnn::reference
