#pragma once
// Reference LOGISTIC kernels: float, and a 256-entry table for int8/uint8 built as TFLite's prepare builds it
// (tflite-format.md §7.7; TFLite's reference and generic-optimized kernels both use it).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

inline void logistic_float(int64_t count, const float* in, float* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = 1.0f / (1.0f + std::exp(-in[i]));
}

// table[(uint8)v] = clamp(round(sigmoid(in_scale*(v - in_zp)) * (1/out_scale)) + out_zp), all in float.
template <class T>
inline void logistic_fill_table(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp,
                                uint8_t table[256]) noexcept {
    constexpr int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    const float inverse_scale = 1.0f / out_scale;
    for (int32_t v = lo; v <= hi; ++v) {
        const float x = in_scale * float(v - in_zp);
        const float y = 1.0f / (1.0f + std::exp(-x));
        const float rescaled = fixed_point::round_half_away(y * inverse_scale);
        const int32_t q = int32_t(rescaled + float(out_zp));
        table[uint8_t(T(v))] = uint8_t(T(std::min(std::max(q, lo), hi)));
    }
}

// Indexes by the raw byte, so int8 and uint8 share it.
inline void lookup_table_u8(const uint8_t table[256], int64_t count, const uint8_t* in, uint8_t* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = table[in[i]];
}

}  // namespace flatnn::reference
