#pragma once
// Reference DEQUANTIZE kernels: integer to float per tensor or per axis, and float16 to float32 (§8.5).
#include <cstdint>
#include <cstring>

#include "flatnn/core/float16.hpp"

namespace flatnn::reference {

template <class T>
inline void dequantize(int64_t count, float scale, int32_t zp, const T* in, float* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = float(double(scale) * double(int32_t(in[i]) - zp));
}

template <class T>
inline void dequantize_per_channel(int64_t outer, int32_t channels, int64_t inner, const float* scale,
                                   const int32_t* zp, const T* in, float* out) noexcept {
    for (int64_t o = 0; o < outer; ++o)
        for (int32_t c = 0; c < channels; ++c)
            for (int64_t k = 0; k < inner; ++k, ++in, ++out) *out = scale[c] * float(int32_t(*in) - zp[c]);
}

inline void dequantize_half(int64_t count, const uint8_t* in, float* out) noexcept {
    for (int64_t i = 0; i < count; ++i) {
        uint16_t h;
        std::memcpy(&h, in + 2 * i, 2);
        out[i] = half_to_float(h);
    }
}

}  // namespace flatnn::reference
