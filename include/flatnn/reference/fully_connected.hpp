#pragma once
// Reference FULLY_CONNECTED kernels: input flattened to [B, K], weights [O, K] row-major, output [B, O].
#include <algorithm>
#include <cstdint>

#include "flatnn/core/tensor.hpp"
#include "flatnn/ops/conv_common.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct fully_connected_params {
    int32_t batches = 0, input_size = 0, units = 0;
    float act_min = 0, act_max = 0;
    bool round_up = false;  // final shift rounds half up (TFLite's optimized int8 path)
    ops::conv_quant_params q;  // one multiplier per unit (all equal when quantized per tensor)
};

inline void fully_connected_float(const fully_connected_params& p, const float* in, const float* w, const float* bias,
                                  float* out) noexcept {
    const int32_t K = p.input_size, O = p.units;
    for (int32_t b = 0; b < p.batches; ++b)
        for (int32_t o = 0; o < O; ++o) {
            const float* x = in + int64_t(b) * K;
            const float* wr = w + int64_t(o) * K;
            float acc = 0.0f;
            for (int32_t k = 0; k < K; ++k) acc += x[k] * wr[k];
            if (bias) acc += bias[o];
            out[int64_t(b) * O + o] = std::min(std::max(acc, p.act_min), p.act_max);
        }
}

// int8 (per-tensor or per-channel, symmetric weights) and uint8 (per-tensor, weight offset).
template <class T, class W>
inline void fully_connected_quantized(const fully_connected_params& p, const T* in, const W* w, const int32_t* bias,
                                      T* out) noexcept {
    const int32_t K = p.input_size, O = p.units;
    const ops::conv_quant_params& q = p.q;
    for (int32_t b = 0; b < p.batches; ++b)
        for (int32_t o = 0; o < O; ++o) {
            const T* x = in + int64_t(b) * K;
            const W* wr = w + int64_t(o) * K;
            int32_t acc = 0;
            for (int32_t k = 0; k < K; ++k) acc += (int32_t(wr[k]) + q.filter_offset) * (int32_t(x[k]) + q.input_offset);
            if (bias) acc += bias[o];
            int32_t v = p.round_up ? fixed_point::multiply_by_quantized_multiplier_round_up(acc, q.multiplier[size_t(o)], q.shift[size_t(o)])
                                   : fixed_point::multiply_by_quantized_multiplier(acc, q.multiplier[size_t(o)], q.shift[size_t(o)]);
            v += q.output_zero_point;
            out[int64_t(b) * O + o] = T(std::min(std::max(v, q.act_min), q.act_max));
        }
}

}  // namespace flatnn::reference
