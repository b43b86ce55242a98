#pragma once
// Reference RESIZE_BILINEAR kernels (NHWC), with the arithmetic of TensorFlow Lite's reference kernels:
//  - float32 and uint8: single-precision source coordinates; each corner term is value * wy * wx multiplied left
//    to right, the four terms summed in the order (y0,x0), (y1,x0), (y0,x1), (y1,x1); uint8 adds 0.5 and
//    truncates;
//  - int8 and int16: 10-bit fixed-point coordinates, 20-bit products (int64), rounding half away from zero.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "flatnn/core/tensor.hpp"

namespace flatnn::reference {

struct resize_bilinear_params {
    bool align_corners = false, half_pixel_centers = false;
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

// float32 (rounding offset 0) and uint8 (rounding offset 0.5, truncation).
template <class T>
inline void resize_bilinear_float(const resize_bilinear_params& p, tensor_view<const T> in, tensor_view<T> out) noexcept {
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
            const float dy = sy - float(y0), ry = 1 - dy;
            for (int32_t x = 0; x < OW; ++x) {
                float sx;
                int32_t x0, x1;
                resize_source_float(x, ws, p.half_pixel_centers, W, sx, x0, x1);
                const float dx = sx - float(x0), rx = 1 - dx;
                const T* r0 = in.data + (int64_t(b) * H + y0) * W * C;
                const T* r1 = in.data + (int64_t(b) * H + y1) * W * C;
                for (int32_t c = 0; c < C; ++c) {
                    const float v = mul_rounded(mul_rounded(float(r0[int64_t(x0) * C + c]), ry), rx) +
                                    mul_rounded(mul_rounded(float(r1[int64_t(x0) * C + c]), dy), rx) +
                                    mul_rounded(mul_rounded(float(r0[int64_t(x1) * C + c]), ry), dx) +
                                    mul_rounded(mul_rounded(float(r1[int64_t(x1) * C + c]), dy), dx) + rounding;
                    *o++ = T(v);
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
