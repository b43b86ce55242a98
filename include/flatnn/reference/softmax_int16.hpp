#pragma once
// Reference int16 SOFTMAX (16x8 models), as TensorFlow Lite's: x - max(row) rescaled so that [-10, 0] spans the
// input of an exp table, the Q0.15 exps summed, 1/sum from a second table after normalizing the sum, each exp
// times that reciprocal shifted back to Q0.15 (output scale 2^-15, zero point 0).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/reference/fixed_point_math.hpp"
#include "flatnn/reference/lut_int16.hpp"

namespace flatnn::reference {

struct softmax_int16_params {
    int32_t input_multiplier = 0;
    int input_shift = 0;
    int16_t exp_lut[lut_int16_size] = {};
    int16_t recip_lut[lut_int16_size] = {};  // 1 / (1 + x) for x in [0, 1]
};

inline void softmax_int16_prepare(float input_scale, float beta, softmax_int16_params& p) {
    const double range = 65535.0;
    lut_int16_fill(10.0 / range, 32767, 2.0 / range, 0, [](double x) { return std::exp(x); }, p.exp_lut);
    lut_int16_fill(1.0 / range, -32768, 2.0 / range, 0, [](double x) { return 1.0 / (1.0 + x); }, p.recip_lut);
    // input_scale * beta in single precision, as TFLite's prepare multiplies the two floats first.
    const double rescale = double(input_scale * beta) / (10.0 / 65535.0);
    fixed_point::quantize_multiplier(rescale, p.input_multiplier, p.input_shift);
}

// depth <= 65536 (prepare checks), so that the sum of Q0.15 exps fits int32.
inline void softmax_int16(const softmax_int16_params& p, int64_t rows, int32_t depth, const int16_t* in,
                          int16_t* out) noexcept {
    for (int64_t r = 0; r < rows; ++r) {
        const int16_t* x = in + r * depth;
        int16_t* y = out + r * depth;
        int16_t max_in_row = -32768;
        for (int32_t c = 0; c < depth; ++c) max_in_row = std::max(max_in_row, x[c]);
        int32_t sum = 0;
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t scaled = fixed_point::multiply_by_quantized_multiplier(int32_t(x[c]) - max_in_row,
                                                                                 p.input_multiplier, p.input_shift);
            const int32_t centred = std::min(std::max(scaled + 32767, -32768), 32767);
            y[c] = lut_int16_lookup(int16_t(centred), p.exp_lut);  // the exps wait in the output
            sum += y[c];
        }
        if (depth == 0) continue;
        // Normalize the sum to [1, 2) in Q1.14 around the table's [-1, 1) input, then look up 1/(1 + x).
        const int headroom_plus_one = fxp::count_leading_zeros(uint32_t(sum));
        const int32_t shifted = int32_t(((int64_t(sum) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
        const int32_t centred = std::min(std::max(shifted - ((1 << 15) + (1 << 16)), -32768), 32767);
        const int16_t reciprocal = lut_int16_lookup(int16_t(centred), p.recip_lut);
        const int right_shift = 31 - headroom_plus_one;
        const int64_t round = int64_t(1) << (right_shift - 1);
        for (int32_t c = 0; c < depth; ++c) {
            const int64_t v = (int64_t(y[c]) * reciprocal + round) >> right_shift;
            y[c] = int16_t(std::min<int64_t>(std::max<int64_t>(v, 0), 32767));
        }
    }
}

}  // namespace flatnn::reference
