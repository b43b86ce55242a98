#pragma once
// SQUARED_DIFFERENCE: (a - b)^2. int8 as TFLite: both offset inputs shifted left by 7 and rescaled to a common
// scale (2·max input scale), the difference squared, rescaled to the output, plus the output zero point.
#include <algorithm>
#include <cstdint>

#include "flatnn/reference/elementwise_binary.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct squared_difference_quant_params {
    int32_t input1_offset = 0, input2_offset = 0, output_offset = 0;
    int32_t input1_multiplier = 0, input2_multiplier = 0, output_multiplier = 0;
    int input1_shift = 0, input2_shift = 0, output_shift = 0;  // all <= 0
};

inline int8_t squared_difference_int8_one(const squared_difference_quant_params& q, int8_t x, int8_t y) noexcept {
    using fixed_point::multiply_by_quantized_multiplier;
    const int32_t a = multiply_by_quantized_multiplier((q.input1_offset + x) * (1 << 7), q.input1_multiplier, q.input1_shift);
    const int32_t b = multiply_by_quantized_multiplier((q.input2_offset + y) * (1 << 7), q.input2_multiplier, q.input2_shift);
    const int32_t d = a - b;
    const int32_t r =
        fixed_point::add_saturated(multiply_by_quantized_multiplier(d * d, q.output_multiplier, q.output_shift), q.output_offset);
    return int8_t(std::min<int32_t>(std::max<int32_t>(r, -128), 127));
}

inline void squared_difference_int8(const broadcast_params& p, const squared_difference_quant_params& q,
                                    const int8_t* a, const int8_t* b, int8_t* out) noexcept {
    binary_map(p, a, b, out, [&](int8_t x, int8_t y) { return squared_difference_int8_one(q, x, y); });
}

}  // namespace flatnn::reference
