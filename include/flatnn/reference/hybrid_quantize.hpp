#pragma once
// On-the-fly int8 quantization of float activations for the hybrid (dynamic-range) kernels: int8 weights,
// float input and output. TFLite quantizes each batch row separately, symmetric ([-127, 127], zero offset) or
// asymmetric ([-128, 127] with an offset). The float/double steps follow TFLite's order so that the quantized
// values, and so the outputs, match it exactly.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace flatnn::reference {

struct hybrid_row_quant {
    float scale = 1.0f;  // real = scale * (q - offset)
    int32_t offset = 0;
};

// round(v) clamped to [lo, hi]; NaN gives 0 (the cast of a NaN would be undefined).
inline int8_t hybrid_round_clamp(float v, float lo, float hi) noexcept {
    const float r = std::round(v);
    if (!(r == r)) return 0;
    return int8_t(r < lo ? lo : (r > hi ? hi : r));
}

inline hybrid_row_quant quantize_row_symmetric(const float* x, int64_t n, int8_t* q) noexcept {
    float lo = 0.0f, hi = 0.0f;
    if (n > 0) {
        const auto mm = std::minmax_element(x, x + n);
        lo = *mm.first, hi = *mm.second;
    }
    const float range = std::max(std::fabs(lo), std::fabs(hi));
    hybrid_row_quant r;
    if (range == 0.0f) {
        std::fill(q, q + n, int8_t(0));
        return r;
    }
    r.scale = range / 127.0f;
    const float inv = 127.0f / range;
    for (int64_t i = 0; i < n; ++i) q[i] = hybrid_round_clamp(x[i] * inv, -127.0f, 127.0f);
    return r;
}

inline hybrid_row_quant quantize_row_asymmetric(const float* x, int64_t n, int8_t* q) noexcept {
    float lo = 0.0f, hi = 0.0f;
    if (n > 0) {
        const auto mm = std::minmax_element(x, x + n);
        lo = std::min(0.0f, *mm.first), hi = std::max(0.0f, *mm.second);
    }
    hybrid_row_quant r;
    if (lo == hi) {
        std::fill(q, q + n, int8_t(0));
        return r;
    }
    // The scale maps [lo, hi] onto [-128, 127]; the zero point comes from whichever end loses less
    // precision, then is nudged onto an integer inside the range. All in float, as TFLite does (a double
    // scale differs in the last bit for some rows).
    const float scale = (hi - lo) / 255.0f;
    const float zp_from_min = -128.0f - lo / scale, zp_from_max = 127.0f - hi / scale;
    const float err_min = 128.0f + std::fabs(lo / scale), err_max = 127.0f + std::fabs(hi / scale);
    const float zp = err_min < err_max ? zp_from_min : zp_from_max;
    r.offset = zp <= -128.0f ? -128 : (zp >= 127.0f ? 127 : int32_t(std::round(zp)));
    r.scale = scale;
    const float inv = 1.0f / r.scale;
    for (int64_t i = 0; i < n; ++i) q[i] = hybrid_round_clamp(float(r.offset) + x[i] * inv, -128.0f, 127.0f);
    return r;
}

}  // namespace flatnn::reference
