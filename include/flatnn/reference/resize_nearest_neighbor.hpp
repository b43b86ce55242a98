#pragma once
// Reference RESIZE_NEAREST_NEIGHBOR (NHWC): each output pixel copies the input pixel at the nearest source
// coordinate, computed in float as TensorFlow Lite does (scale = in / out, or (in - 1) / (out - 1) with
// align_corners; half_pixel_centers samples at x + 0.5). A byte copy of whole pixels for any element type.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "flatnn/core/shape.hpp"

namespace flatnn::reference {

struct resize_nearest_params {
    bool align_corners = false;
    bool half_pixel_centers = false;
    size_t element_size = 0;
};

inline float nearest_scale(int32_t in, int32_t out, bool align_corners) noexcept {
    return (align_corners && out > 1) ? float(in - 1) / float(out - 1) : float(in) / float(out);
}

inline int32_t nearest_source(int32_t x, int32_t in_size, float scale, const resize_nearest_params& p) noexcept {
    const float offset = p.half_pixel_centers ? 0.5f : 0.0f;
    const float at = (float(x) + offset) * scale;
    int32_t v = std::min(p.align_corners ? int32_t(std::round(at)) : int32_t(std::floor(at)), in_size - 1);
    if (p.half_pixel_centers) v = std::max(int32_t(0), v);
    return v;
}

inline void resize_nearest_neighbor(const resize_nearest_params& p, const shape& in, const uint8_t* input,
                                    const shape& out, uint8_t* output) noexcept {
    const int32_t IH = in[1], IW = in[2], OH = out[1], OW = out[2];
    const size_t pixel = size_t(in[3]) * p.element_size;
    const float hs = nearest_scale(IH, OH, p.align_corners), ws = nearest_scale(IW, OW, p.align_corners);
    for (int32_t b = 0; b < in[0]; ++b)
        for (int32_t y = 0; y < OH; ++y) {
            const int32_t iy = nearest_source(y, IH, hs, p);
            for (int32_t x = 0; x < OW; ++x) {
                const int32_t ix = nearest_source(x, IW, ws, p);
                const size_t at = ((size_t(b) * size_t(IH) + size_t(iy)) * size_t(IW) + size_t(ix)) * pixel;
                if (pixel) std::memcpy(output, input + at, pixel);
                output += pixel;
            }
        }
}

}  // namespace flatnn::reference
