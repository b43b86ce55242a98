#pragma once
// Shared pieces of the element-wise unary kernels: a map over a buffer, and the 256-entry tables that run every
// int8/uint8 unary op. TensorFlow Lite computes most of them through such a table already (LUTPopulate: dequantize,
// apply the float function, round half away, add the zero point, clamp); the others (ReluX, LEAKY_RELU,
// HARD_SWISH, ABS, SQRT, RSQRT) map each 8-bit value on its own, so tabulating their exact integer arithmetic over
// all 256 inputs in prepare gives the same bits.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

template <class T, class U, class F>
inline void unary_map(int64_t count, const T* in, U* out, F&& f) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = f(in[i]);
}

// table[(uint8)v] = f(v) for every value v of T; f maps an int32 input value to an int32 result already clamped
// to T's range.
template <class T, class F>
inline void fill_table(uint8_t table[256], F&& f) noexcept {
    for (int32_t v = std::numeric_limits<T>::min(); v <= std::numeric_limits<T>::max(); ++v)
        table[uint8_t(T(v))] = uint8_t(T(f(v)));
}

template <class T>
inline int32_t clamp_to(int32_t v) noexcept {
    return std::min<int32_t>(std::max<int32_t>(v, std::numeric_limits<T>::min()), std::numeric_limits<T>::max());
}

// The table of a float function f: clamp(round(f(in_scale*(v - in_zp)) / out_scale) + out_zp), all in float as
// TFLite's LUTPopulate (the division is a multiplication by 1/out_scale).
template <class T, class F>
inline void lut_populate(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp, uint8_t table[256],
                         F&& f) noexcept {
    const float inverse_scale = 1.0f / out_scale;
    fill_table<T>(table, [&](int32_t v) {
        const float y = f(in_scale * float(v - in_zp));
        const float rescaled = fixed_point::round_half_away(y * inverse_scale);
        // A value outside int32 (or NaN) converts to INT32_MIN on x86, where TFLite's float-to-int cast is
        // undefined; do the same without the undefined behaviour, then clamp.
        const float q = rescaled + float(out_zp);
        if (!(q >= -2147483648.0f && q < 2147483648.0f)) return int32_t(std::numeric_limits<T>::min());
        return clamp_to<T>(int32_t(q));
    });
}

// Indexes by the raw byte, so int8 and uint8 share it.
inline void lookup_table_u8(const uint8_t table[256], int64_t count, const uint8_t* in, uint8_t* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = table[in[i]];
}

}  // namespace flatnn::reference
