#pragma once
// PRELU: x for x >= 0, alpha*x otherwise, alpha broadcast against x. Quantized as TFLite's BroadcastPrelu4DSlow:
// the offset input times s_in/s_out when non-negative, else the product of the offset input and the offset alpha
// times s_in*s_alpha/s_out; plus the output zero point.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "flatnn/reference/broadcast.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

inline void prelu_float(const broadcast_params& p, const float* x, const float* alpha, float* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) {
        out[o] = x[i1] >= 0.0f ? x[i1] : x[i1] * alpha[i2];
    });
}

struct prelu_quant_params {
    int32_t input_offset = 0, alpha_offset = 0;  // minus the zero points
    int32_t output_offset = 0;
    int32_t identity_multiplier = 0, alpha_multiplier = 0;
    int identity_shift = 0, alpha_shift = 0;
};

template <class T>
inline void prelu_quantized(const broadcast_params& p, const prelu_quant_params& q, const T* x, const T* alpha,
                            T* out) noexcept {
    for_each_broadcast(p, [&](int64_t o, int64_t i1, int64_t i2) {
        const int32_t v = q.input_offset + int32_t(x[i1]);
        int32_t y = v >= 0 ? fixed_point::multiply_by_quantized_multiplier(v, q.identity_multiplier, q.identity_shift)
                           : fixed_point::multiply_by_quantized_multiplier(v * (q.alpha_offset + int32_t(alpha[i2])),
                                                                           q.alpha_multiplier, q.alpha_shift);
        y = fixed_point::add_saturated(y, q.output_offset);
        out[o] = T(std::min<int32_t>(std::max<int32_t>(y, std::numeric_limits<T>::min()), std::numeric_limits<T>::max()));
    });
}

}  // namespace flatnn::reference
