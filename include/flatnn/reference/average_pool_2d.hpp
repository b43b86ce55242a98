#pragma once
// Reference AVERAGE_POOL_2D kernels (NHWC). Padded positions are left out of the divisor.
#include <algorithm>
#include <cstdint>

#include "flatnn/core/tensor.hpp"
#include "flatnn/reference/pool_2d_common.hpp"

namespace flatnn::reference {

inline void average_pool_2d_float(const pool_2d_params& p, tensor_view<const float> in, tensor_view<float> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    for (int32_t b = 0; b < N; ++b)
        for (int32_t oy = 0; oy < OH; ++oy)
            for (int32_t ox = 0; ox < OW; ++ox) {
                const pool_window w = clip_pool_window(p, oy, ox, H, W);
                const int32_t count = w.count();
                float* o = out.data + ((int64_t(b) * OH + oy) * OW + ox) * C;
                for (int32_t c = 0; c < C; ++c) {
                    float sum = 0.0f;
                    for (int32_t y = w.y0; y < w.y1; ++y)
                        for (int32_t x = w.x0; x < w.x1; ++x) sum += in.data[((int64_t(b) * H + y) * W + x) * C + c];
                    const float avg = count > 0 ? sum / float(count) : 0.0f;
                    o[c] = std::min(std::max(avg, p.act_min), p.act_max);
                }
            }
}

// Integer mean of the raw values, rounded half away from zero; input and output share qparams.
template <class T>
inline void average_pool_2d_quantized(const pool_2d_params& p, tensor_view<const T> in, tensor_view<T> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    for (int32_t b = 0; b < N; ++b)
        for (int32_t oy = 0; oy < OH; ++oy)
            for (int32_t ox = 0; ox < OW; ++ox) {
                const pool_window w = clip_pool_window(p, oy, ox, H, W);
                const int32_t count = w.count();
                T* o = out.data + ((int64_t(b) * OH + oy) * OW + ox) * C;
                for (int32_t c = 0; c < C; ++c) {
                    uint32_t sum = 0;  // TFLite's int32 sum, wrapping rather than overflowing on huge int16 windows
                    for (int32_t y = w.y0; y < w.y1; ++y)
                        for (int32_t x = w.x0; x < w.x1; ++x)
                            sum += uint32_t(int32_t(in.data[((int64_t(b) * H + y) * W + x) * C + c]));
                    const int64_t acc = int32_t(sum);
                    int32_t avg = 0;
                    if (count > 0) avg = int32_t(acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count);
                    o[c] = T(std::min(std::max(avg, p.q_act_min), p.q_act_max));
                }
            }
}

}  // namespace flatnn::reference
