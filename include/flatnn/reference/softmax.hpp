#pragma once
// Reference SOFTMAX kernels along the last axis. int8/uint8 follow TFLite's optimized table method (the kernel
// its interpreter runs for both of its kernel sets), tflite-format.md §8.4.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

// rows × depth elements, softmax over each row of `depth`.
inline void softmax_float(float beta, int64_t rows, int32_t depth, const float* in, float* out) noexcept {
    if (depth <= 0) return;
    for (int64_t r = 0; r < rows; ++r, in += depth, out += depth) {
        float mx = in[0];
        for (int32_t j = 1; j < depth; ++j) mx = std::max(mx, in[j]);
        float sum = 0.0f;
        for (int32_t j = 0; j < depth; ++j) {
            out[j] = std::exp((in[j] - mx) * beta);
            sum += out[j];
        }
        const float inv = 1.0f / sum;
        for (int32_t j = 0; j < depth; ++j) out[j] *= inv;
    }
}

// table[255 - v] = exp(-in_scale * beta * v): entry 255 - max + q is exp(in_scale * beta * (q - max)).
inline void softmax_fill_table(float input_scale, float beta, float table[256]) noexcept {
    const float scale = -input_scale * beta;
    for (int32_t v = 0; v <= 255; ++v) table[255 - v] = std::exp(scale * float(v));
}

struct softmax_quant_params {
    float table[256] = {};
    float output_scale = 0;
    int32_t output_zero_point = 0;
};

// The rounding step differs by type on x86: int8 rounds half away from zero and adds the zero point, uint8
// adds 0.5 and truncates without the zero point (the writer fixes it at 0).
// float -> int32 as x86's cvttss2si: NaN and out-of-range values (a NaN or infinite beta or scale) give
// INT32_MIN, which the caller clamps, instead of undefined behaviour.
inline int32_t softmax_to_int32(float v) noexcept {
    return (v >= -2147483648.0f && v < 2147483648.0f) ? int32_t(v) : std::numeric_limits<int32_t>::min();
}
inline int32_t softmax_quantize_prob(float prob, int32_t zero_point, int8_t*) noexcept {
    return int32_t(uint32_t(softmax_to_int32(fixed_point::round_half_away(prob))) + uint32_t(zero_point));
}
inline int32_t softmax_quantize_prob(float prob, int32_t, uint8_t*) noexcept { return softmax_to_int32(prob + 0.5f); }

template <class T>
inline void softmax_quantized(const softmax_quant_params& p, int64_t rows, int32_t depth, const T* in,
                              T* out) noexcept {
    constexpr int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    if (depth <= 0) return;
    for (int64_t r = 0; r < rows; ++r, in += depth, out += depth) {
        int32_t mx = lo;
        for (int32_t j = 0; j < depth; ++j) mx = std::max(mx, int32_t(in[j]));
        const int32_t base = 255 - mx;  // table[base + q] for q in [lo, mx] stays inside table (no pointer past it)
        float sum = 0.0f;
        for (int32_t j = 0; j < depth; ++j) sum += p.table[base + in[j]];
        const float inv = 1.0f / (sum * p.output_scale);
        for (int32_t j = 0; j < depth; ++j) {
            const int32_t y = softmax_quantize_prob(p.table[base + in[j]] * inv, p.output_zero_point, static_cast<T*>(nullptr));
            out[j] = T(std::min(std::max(y, lo), hi));
        }
    }
}

}  // namespace flatnn::reference
