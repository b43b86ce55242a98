#pragma once
// Parameters and window clipping shared by the AVERAGE_POOL_2D and MAX_POOL_2D kernels.
#include <algorithm>
#include <cstdint>

namespace flatnn::reference {

struct pool_2d_params {
    int32_t stride_h = 1, stride_w = 1, filter_h = 1, filter_w = 1, pad_h = 0, pad_w = 0;
    float act_min = 0, act_max = 0;    // float kernels
    int32_t q_act_min = 0, q_act_max = 0;  // quantized kernels, in output units
};

// The part of one output pixel's window that lies inside the input: rows [y0, y1), columns [x0, x1).
struct pool_window {
    int32_t y0, y1, x0, x1;
    int32_t count() const noexcept { return (y1 - y0) * (x1 - x0); }
};

inline pool_window clip_pool_window(const pool_2d_params& p, int32_t oy, int32_t ox, int32_t H, int32_t W) noexcept {
    const int32_t iy = oy * p.stride_h - p.pad_h, ix = ox * p.stride_w - p.pad_w;
    pool_window w;
    w.y0 = std::max(iy, 0);
    w.y1 = std::max(std::min(iy + p.filter_h, H), w.y0);
    w.x0 = std::max(ix, 0);
    w.x1 = std::max(std::min(ix + p.filter_w, W), w.x0);
    return w;
}

}  // namespace flatnn::reference
