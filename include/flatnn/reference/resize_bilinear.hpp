#pragma once
// Reference RESIZE_BILINEAR kernels (NHWC). Three arithmetics, each matching what TensorFlow Lite's optimized
// kernel runs for the type:
//  - float32 and the general uint8 case: single-precision source coordinates and weights; uint8 adds 0.5 and
//    truncates. The four weights are formed first (wy * wx), then summed left to right;
//  - uint8 with half_pixel_centers, exact 8x upscaling of both dims, output >= 8 and channels % 8 == 0: TFLite's
//    8.8 fixed-point kernel, which equals the exact bilinear value (weights in 1/16ths) rounded half up;
//  - int8: 10-bit fixed-point coordinates, 20-bit products, rounding half away from zero.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "flatnn/core/tensor.hpp"

namespace flatnn::reference {

struct resize_bilinear_params {
    bool align_corners = false, half_pixel_centers = false;
    bool uint8_exact_8x = false;  // the 8.8 fixed-point uint8 path applies
};

// A single-precision product rounded on its own, even where the compiler would fuse a*b+c into one FMA
// (-ffp-contract=fast with -march=...+fma): the volatile store forces the rounding. The uint8 results depend on
// these roundings bit for bit.
inline float mul_rounded(float a, float b) noexcept {
    volatile float p = a * b;
    return p;
}

// Source coordinate and the two neighbouring rows/columns, as TFLite's ComputeInterpolationValues.
inline void resize_source_float(int32_t dst, float scale, bool half_pixel, int32_t in_size, float& src, int32_t& i0,
                                int32_t& i1) noexcept {
    src = half_pixel ? mul_rounded(float(dst) + 0.5f, scale) - 0.5f : mul_rounded(float(dst), scale);
    i0 = std::max(int32_t(std::floor(src)), int32_t(0));
    i1 = std::min(int32_t(std::ceil(src)), in_size - 1);
}

inline float resize_scale_float(int32_t in, int32_t out, bool align_corners) noexcept {
    return align_corners && out > 1 ? float(in - 1) / float(out - 1) : float(in) / float(out);
}

// float32 (rounding_offset 0) and general uint8 (rounding_offset 0.5, truncation).
template <class T>
inline void resize_bilinear_float_weights(const resize_bilinear_params& p, tensor_view<const T> in, tensor_view<T> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    const float hs = resize_scale_float(H, OH, p.align_corners), ws = resize_scale_float(W, OW, p.align_corners);
    const float rounding = std::is_integral_v<T> ? 0.5f : 0.0f;
    T* o = out.data;
    for (int32_t b = 0; b < N; ++b)
        for (int32_t y = 0; y < OH; ++y) {
            float sy;
            int32_t y0, y1;
            resize_source_float(y, hs, p.half_pixel_centers, H, sy, y0, y1);
            for (int32_t x = 0; x < OW; ++x) {
                float sx;
                int32_t x0, x1;
                resize_source_float(x, ws, p.half_pixel_centers, W, sx, x0, x1);
                const float dy = sy - float(y0), dx = sx - float(x0);
                const float w00 = mul_rounded(1 - dy, 1 - dx), w01 = mul_rounded(1 - dy, dx), w10 = mul_rounded(dy, 1 - dx),
                            w11 = mul_rounded(dy, dx);
                const T* r0 = in.data + (int64_t(b) * H + y0) * W * C;
                const T* r1 = in.data + (int64_t(b) * H + y1) * W * C;
                for (int32_t c = 0; c < C; ++c) {
                    const float v = mul_rounded(float(r0[int64_t(x0) * C + c]), w00) +
                                    mul_rounded(float(r0[int64_t(x1) * C + c]), w01) +
                                    mul_rounded(float(r1[int64_t(x0) * C + c]), w10) +
                                    mul_rounded(float(r1[int64_t(x1) * C + c]), w11) + rounding;
                    *o++ = T(v);
                }
            }
        }
}

// uint8, half-pixel centres, output exactly 8x the input: weights are multiples of 1/16 per axis, so the value
// is computed exactly in 1/256ths and rounded half up.
inline void resize_bilinear_uint8_exact_8x(tensor_view<const uint8_t> in, tensor_view<uint8_t> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    // Output o samples source (2o - 7) / 16; clamped at the borders.
    auto source = [](int32_t o, int32_t in_size, int32_t& i0, int32_t& i1, int32_t& frac16) {
        const int32_t s16 = 2 * o - 7;  // 16ths of an input pixel
        if (s16 <= 0) { i0 = i1 = 0; frac16 = 0; return; }
        i0 = s16 / 16;
        frac16 = s16 % 16;
        i1 = i0 + 1;
        if (i1 > in_size - 1) { i0 = i1 = in_size - 1; frac16 = 0; }
    };
    uint8_t* o = out.data;
    for (int32_t b = 0; b < N; ++b)
        for (int32_t y = 0; y < OH; ++y) {
            int32_t y0, y1, fy;
            source(y, H, y0, y1, fy);
            for (int32_t x = 0; x < OW; ++x) {
                int32_t x0, x1, fx;
                source(x, W, x0, x1, fx);
                const uint8_t* r0 = in.data + (int64_t(b) * H + y0) * W * C;
                const uint8_t* r1 = in.data + (int64_t(b) * H + y1) * W * C;
                for (int32_t c = 0; c < C; ++c) {
                    const int32_t v = int32_t(r0[int64_t(x0) * C + c]) * (16 - fy) * (16 - fx) +
                                      int32_t(r0[int64_t(x1) * C + c]) * (16 - fy) * fx +
                                      int32_t(r1[int64_t(x0) * C + c]) * fy * (16 - fx) +
                                      int32_t(r1[int64_t(x1) * C + c]) * fy * fx;
                    *o++ = uint8_t((v + 128) >> 8);
                }
            }
        }
}

// 10-bit fixed-point source coordinate, as TFLite's ComputeInterpolationValuesInteger.
inline void resize_source_10bit(int32_t dst, int32_t scale10, bool half_pixel, int32_t in_size, int32_t& src,
                                int32_t& i0, int32_t& i1) noexcept {
    src = half_pixel ? dst * scale10 + scale10 / 2 - (1 << 9) : dst * scale10;
    i0 = std::max(src / (1 << 10), int32_t(0));
    i1 = std::min((src + (1 << 10) - 1) / (1 << 10), in_size - 1);
}

inline int32_t resize_scale_10bit(int32_t in, int32_t out, bool align_corners) noexcept {
    return align_corners && out > 1 ? ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1)
                                    : ((1 << 10) * in + out / 2) / out;
}

template <class T>
inline void resize_bilinear_integer(const resize_bilinear_params& p, tensor_view<const T> in, tensor_view<T> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    const int32_t hs = resize_scale_10bit(H, OH, p.align_corners), ws = resize_scale_10bit(W, OW, p.align_corners);
    T* o = out.data;
    for (int32_t b = 0; b < N; ++b)
        for (int32_t y = 0; y < OH; ++y) {
            int32_t sy, y0, y1;
            resize_source_10bit(y, hs, p.half_pixel_centers, H, sy, y0, y1);
            const int64_t wy1 = sy - (1 << 10) * y0, wy0 = (1 << 10) - wy1;
            for (int32_t x = 0; x < OW; ++x) {
                int32_t sx, x0, x1;
                resize_source_10bit(x, ws, p.half_pixel_centers, W, sx, x0, x1);
                const int64_t wx1 = sx - (1 << 10) * x0, wx0 = (1 << 10) - wx1;
                const T* r0 = in.data + (int64_t(b) * H + y0) * W * C;
                const T* r1 = in.data + (int64_t(b) * H + y1) * W * C;
                for (int32_t c = 0; c < C; ++c) {
                    const int64_t acc = r0[int64_t(x0) * C + c] * wy0 * wx0 + r1[int64_t(x0) * C + c] * wy1 * wx0 +
                                        r0[int64_t(x1) * C + c] * wy0 * wx1 + r1[int64_t(x1) * C + c] * wy1 * wx1;
                    const int64_t round = acc > 0 ? (1 << 19) : -(1 << 19);
                    *o++ = T((acc + round) / (1 << 20));
                }
            }
        }
}

}  // namespace flatnn::reference
