#pragma once
// Reference L2_POOL_2D (float32, NHWC): sqrt(mean of squares) over the part of each window inside the input.
#include <algorithm>
#include <cmath>

#include "flatnn/core/tensor.hpp"
#include "flatnn/reference/pool_2d_common.hpp"

namespace flatnn::reference {

inline void l2_pool_2d(const pool_2d_params& p, tensor_view<const float> in, tensor_view<float> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    for (int32_t b = 0; b < N; ++b)
        for (int32_t oy = 0; oy < OH; ++oy)
            for (int32_t ox = 0; ox < OW; ++ox) {
                const pool_window w = clip_pool_window(p, oy, ox, H, W);
                for (int32_t c = 0; c < C; ++c) {
                    float sum = 0.0f;
                    for (int32_t y = w.y0; y < w.y1; ++y)
                        for (int32_t x = w.x0; x < w.x1; ++x) {
                            const float v = in[((int64_t(b) * H + y) * W + x) * C + c];
                            sum += v * v;
                        }
                    const float r = std::sqrt(sum / float(w.count()));
                    out[((int64_t(b) * OH + oy) * OW + ox) * C + c] = std::min(std::max(r, p.act_min), p.act_max);
                }
            }
}

}  // namespace flatnn::reference
