#pragma once
// Reference LOG_SOFTMAX over the last axis. Float: x - max - log(sum(exp(x - max))) per row, in TFLite's order.
// int8/uint8 (output scale 16/256, zero point 127 / 255): TFLite's fixed-point kernels, differences from the row
// maximum scaled to Q5.26, exps summed in Q12.19, the log in Q5.26, outputs rounded from the difference.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/reference/fixed_point_math.hpp"

namespace flatnn::reference {

inline void log_softmax_float(int64_t rows, int32_t depth, const float* in, float* out) noexcept {
    for (int64_t r = 0; r < rows; ++r) {
        const float* x = in + r * depth;
        float* y = out + r * depth;
        float max = std::numeric_limits<float>::lowest();
        for (int32_t c = 0; c < depth; ++c) max = std::max(max, x[c]);
        float sum = 0.0f;
        for (int32_t c = 0; c < depth; ++c) sum += std::exp(x[c] - max);
        const float log_sum = std::log(sum);
        for (int32_t c = 0; c < depth; ++c) y[c] = x[c] - max - log_sum;
    }
}

struct log_softmax_quant_params {
    int32_t input_multiplier = 0;   // beta * s_in * 2^26 as a multiplier >= 1 ...
    int input_left_shift = 0;       // ... and its left shift
    int32_t reverse_multiplier = 0;  // the inverse scaling, a multiplier < 1 ...
    int reverse_shift = 0;           // ... and its (right, <= 0) shift
    int32_t diff_min = 0;            // differences from the row maximum below this contribute nothing
};

template <class T>
inline void log_softmax_quantized(const log_softmax_quant_params& q, int64_t rows, int32_t depth, const T* in,
                                  T* out) noexcept {
    constexpr int in_bits = 5, acc_bits = 12, out_bits = 4;
    constexpr int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    constexpr int32_t out_zero_point = hi;  // 0 of the log maps to the largest value
    auto scaled = [&](int32_t diff) {
        return fixed_point::srdhm(int32_t(uint32_t(diff) << q.input_left_shift), q.input_multiplier);
    };
    for (int64_t r = 0; r < rows; ++r) {
        const T* x = in + r * depth;
        T* y = out + r * depth;
        int32_t max = lo;
        for (int32_t c = 0; c < depth; ++c) max = std::max<int32_t>(max, x[c]);
        int32_t sum = 0;
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t diff = int32_t(x[c]) - max;
            if (diff >= q.diff_min)
                sum = fxp::add(sum, fxp::rescale(fxp::exp_on_negative_values(scaled(diff), in_bits), 0, acc_bits));
        }
        const int32_t log_sum = fxp::log_x_for_x_ge_1(sum, acc_bits, in_bits);
        const int32_t adjusted_min =
            std::max(q.diff_min - 1, fixed_point::rdbpot(fixed_point::srdhm(fxp::add(log_sum, INT32_MIN), q.reverse_multiplier),
                                                         -q.reverse_shift));
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t diff = int32_t(x[c]) - max;
            if (diff > adjusted_min) {
                const int32_t v = fixed_point::rdbpot(fxp::sub(scaled(diff), log_sum), 31 - in_bits - out_bits) + out_zero_point;
                y[c] = T(std::min(hi, std::max(lo, v)));
            } else {
                y[c] = T(lo);
            }
        }
    }
}

}  // namespace flatnn::reference
