#pragma once
// Reference CONCATENATION: copies each input's block along the axis; legacy uint8 inputs whose quantization
// differs from the output's are rescaled on the way (TFLite's ConcatenationWithScaling arithmetic).
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct concat_input {
    const uint8_t* data = nullptr;
    int64_t block = 0;        // elements per outer index: dims[axis] × inner size
    bool rescale = false;     // uint8 only
    float scale = 0, bias = 0;  // q_out = round(q * scale + bias) + out_zp
};

// outer: product of the dims before the axis; element_size in bytes.
inline void concatenation(const concat_input* inputs, size_t count, int64_t outer, size_t element_size,
                          int32_t out_zero_point, uint8_t* out) noexcept {
    for (int64_t k = 0; k < outer; ++k)
        for (size_t i = 0; i < count; ++i) {
            const concat_input& in = inputs[i];
            const size_t bytes = size_t(in.block) * element_size;
            const uint8_t* src = in.data + size_t(k) * bytes;
            if (!in.rescale) {
                if (bytes) std::memcpy(out, src, bytes);
            } else {
                for (int64_t j = 0; j < in.block; ++j) {
                    const float scaled = float(src[j]) * in.scale;  // kept as two roundings, as TFLite does
                    const int32_t v =
                        fixed_point::saturate_to_int32(double(fixed_point::round_half_away(scaled + in.bias)) + out_zero_point);
                    out[j] = uint8_t(std::min(std::max(v, 0), 255));
                }
            }
            out += bytes;
        }
}

}  // namespace flatnn::reference
