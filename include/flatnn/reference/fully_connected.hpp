#pragma once
// Reference FULLY_CONNECTED kernels: input flattened to [B, K], weights [O, K] row-major, output [B, O].
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "flatnn/core/tensor.hpp"
#include "flatnn/ops/conv_common.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct fully_connected_params {
    int32_t batches = 0, input_size = 0, units = 0;
    float act_min = 0, act_max = 0;
    // Quantized: offsets and activation range (q's fixed-point multipliers are not used: TFLite's reference
    // kernel rescales in double precision) and the factor s_in * s_w[o] / s_out of each unit.
    ops::conv_quant_params q;
    std::vector<double> scale;
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

// round(acc * scale) converted to int32 as x86's cvttsd2si does (out of range gives INT32_MIN), so that even
// absurd scales stay bit-exact with TFLite's static_cast without undefined behaviour.
template <class Acc>
inline int32_t rescale_double(Acc acc, double scale) noexcept {
    const double r = std::round(double(acc) * scale);
    return r >= -2147483648.0 && r < 2147483648.0 ? int32_t(r) : std::numeric_limits<int32_t>::min();
}

// int8 (per-tensor or per-channel, symmetric weights), uint8 (per-tensor, weight offset) and int16x8 (int16
// activations, int8 weights, accumulator of the bias type: int64 or int32). TFLite's reference kernels rescale
// the accumulator in double precision and round half away from zero.
template <class T, class W, class Bias = int32_t>
inline void fully_connected_quantized(const fully_connected_params& p, const T* in, const W* w, const Bias* bias,
                                      T* out) noexcept {
    const int32_t K = p.input_size, O = p.units;
    const ops::conv_quant_params& q = p.q;
    for (int32_t b = 0; b < p.batches; ++b)
        for (int32_t o = 0; o < O; ++o) {
            const T* x = in + int64_t(b) * K;
            const W* wr = w + int64_t(o) * K;
            Bias acc = 0;
            for (int32_t k = 0; k < K; ++k)
                acc = fixed_point::wrap_add(acc, (int32_t(wr[k]) + q.filter_offset) * (int32_t(x[k]) + q.input_offset));
            if (bias) acc = fixed_point::add_bias(acc, bias[o]);
            // Wrapping add, as TFLite's int32 add compiles on x86.
            const int32_t v = int32_t(uint32_t(rescale_double(acc, p.scale[size_t(o)])) + uint32_t(q.output_zero_point));
            out[int64_t(b) * O + o] = T(std::min(std::max(v, q.act_min), q.act_max));
        }
}

}  // namespace flatnn::reference
