#pragma once
// Reference LOGISTIC kernels: float, and a 256-entry table for int8/uint8 built as TFLite's prepare builds it
// (tflite-format.md §7.7; TFLite's reference and generic-optimized kernels both use it).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "flatnn/reference/elementwise_unary.hpp"

namespace flatnn::reference {

inline void logistic_float(int64_t count, const float* in, float* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = 1.0f / (1.0f + std::exp(-in[i]));
}

// table[(uint8)v] = clamp(round(sigmoid(in_scale*(v - in_zp)) * (1/out_scale)) + out_zp), all in float.
template <class T>
inline void logistic_fill_table(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp,
                                uint8_t table[256]) noexcept {
    lut_populate<T>(in_scale, in_zp, out_scale, out_zp, table, [](float x) { return 1.0f / (1.0f + std::exp(-x)); });
}

}  // namespace flatnn::reference
