#pragma once
// Reference MAX_POOL_2D kernel (NHWC): the maximum of the in-bounds window values, then the activation clamp.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "flatnn/core/tensor.hpp"
#include "flatnn/reference/pool_2d_common.hpp"

namespace flatnn::reference {

// T is float (clamped to act_min/act_max) or a quantized type (clamped to q_act_min/q_act_max).
template <class T>
inline void max_pool_2d(const pool_2d_params& p, tensor_view<const T> in, tensor_view<T> out) noexcept {
    const int32_t N = in.dims[0], H = in.dims[1], W = in.dims[2], C = in.dims[3];
    const int32_t OH = out.dims[1], OW = out.dims[2];
    T lo, hi;
    if constexpr (std::is_floating_point_v<T>) lo = T(p.act_min), hi = T(p.act_max);
    else lo = T(p.q_act_min), hi = T(p.q_act_max);
    for (int32_t b = 0; b < N; ++b)
        for (int32_t oy = 0; oy < OH; ++oy)
            for (int32_t ox = 0; ox < OW; ++ox) {
                const pool_window w = clip_pool_window(p, oy, ox, H, W);
                T* o = out.data + ((int64_t(b) * OH + oy) * OW + ox) * C;
                for (int32_t c = 0; c < C; ++c) {
                    T m = std::numeric_limits<T>::lowest();
                    for (int32_t y = w.y0; y < w.y1; ++y)
                        for (int32_t x = w.x0; x < w.x1; ++x) m = std::max(m, in.data[((int64_t(b) * H + y) * W + x) * C + c]);
                    o[c] = std::min(std::max(m, lo), hi);
                }
            }
}

}  // namespace flatnn::reference
