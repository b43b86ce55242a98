#pragma once
// Reference QUANTIZE kernels: float to integer, and integer requantization (tflite-format.md §8.5).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

// clamp(round(x / scale) + zp) in the output type, with TFLite's float division and half-away rounding.
// NaN and values outside int32 become INT32_MIN before the zero point is added (with wrap-around), which is
// what TFLite's float-to-int cast does on x86.
template <class T>
inline T quantize_one(float x, float scale, int32_t zp) noexcept {
    constexpr int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    const float r = fixed_point::round_half_away(x / scale);
    const int32_t i = (r >= -2147483648.0f && r < 2147483648.0f) ? int32_t(r) : std::numeric_limits<int32_t>::min();
    const int32_t v = int32_t(uint32_t(i) + uint32_t(zp));
    return T(std::min(std::max(v, lo), hi));
}

template <class T>
inline void quantize_float(int64_t count, float scale, int32_t zp, const float* in, T* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = quantize_one<T>(in[i], scale, zp);
}

// Per-axis: in is [outer, channels, inner] with one (scale, zero point) per channel.
template <class T>
inline void quantize_float_per_channel(int64_t outer, int32_t channels, int64_t inner, const float* scale,
                                       const int32_t* zp, const float* in, T* out) noexcept {
    for (int64_t o = 0; o < outer; ++o)
        for (int32_t c = 0; c < channels; ++c)
            for (int64_t k = 0; k < inner; ++k, ++in, ++out) *out = quantize_one<T>(*in, scale[c], zp[c]);
}

struct requantize_params {
    int32_t input_zero_point = 0, output_zero_point = 0;
    int32_t multiplier = 0;
    int shift = 0;
};

// q_out = clamp(MBQM(q_in - z_in, M, e) + z_out). With a factor of exactly 1 and zero points 128 apart this is
// the int8 <-> uint8 byte flip (x ^ 0x80) that TFLite special-cases; the arithmetic gives the same bytes. An int32
// input minus its zero point wraps.
template <class In, class Out>
inline void requantize(const requantize_params& p, int64_t count, const In* in, Out* out) noexcept {
    constexpr int32_t lo = std::numeric_limits<Out>::min(), hi = std::numeric_limits<Out>::max();
    for (int64_t i = 0; i < count; ++i) {
        const int32_t v = fixed_point::add_saturated(
            fixed_point::multiply_by_quantized_multiplier(
                fixed_point::wrap_add(int32_t(in[i]), fixed_point::wrap_neg(p.input_zero_point)), p.multiplier, p.shift),
            p.output_zero_point);
        out[i] = Out(std::min(std::max(v, lo), hi));
    }
}

}  // namespace flatnn::reference
