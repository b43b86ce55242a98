#pragma once
// Affine quantization parameters: real = scale * (q - zero_point), per tensor or per channel along `axis`.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace flatnn {

struct quantization {
    std::vector<float> scale;
    std::vector<int64_t> zero_point;
    int32_t axis = 0;

    bool empty() const noexcept { return scale.empty(); }
    bool per_channel() const noexcept { return scale.size() > 1; }
    size_t channels() const noexcept { return scale.size(); }
    float scale_at(size_t c) const noexcept { return scale.size() == 1 ? scale[0] : scale[c]; }
    int32_t zero_point_at(size_t c) const noexcept {
        return int32_t(zero_point.size() == 1 ? zero_point[0] : zero_point[c]);
    }
};

}  // namespace flatnn
