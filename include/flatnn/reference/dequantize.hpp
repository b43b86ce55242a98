#pragma once
// Reference DEQUANTIZE kernels: integer to float per tensor or per axis, and float16 to float32 (§8.5).
#include <cstdint>
#include <cstring>

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

// IEEE 754 binary16 bits to float (exact: every half is a float).
inline float half_to_float(uint16_t h) noexcept {
    const uint32_t sign = uint32_t(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    uint32_t bits;
    if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13);  // inf / NaN
    } else if (exp != 0) {
        bits = sign | ((exp + 112u) << 23) | (mant << 13);
    } else if (mant == 0) {
        bits = sign;  // signed zero
    } else {          // subnormal half: normalise
        int e = -1;
        do {
            ++e;
            mant <<= 1;
        } while (!(mant & 0x400u));
        bits = sign | (uint32_t(112 - e) << 23) | ((mant & 0x3ffu) << 13);
    }
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

inline void dequantize_half(int64_t count, const uint8_t* in, float* out) noexcept {
    for (int64_t i = 0; i < count; ++i) {
        uint16_t h;
        std::memcpy(&h, in + 2 * i, 2);
        out[i] = half_to_float(h);
    }
}

}  // namespace flatnn::reference
