#pragma once
// TFLite's power-of-two-scale int16 ADD and SUB (pot_scale_int16, the form its LSTM kernels use): zero points 0,
// every scale 2^k, one input on the output's scale and the other on a finer one; that one is shifted right
// (rounding half away from zero), then the two are added or subtracted and clamped to the activation range
// (inside int16, so TFLite's int16 saturation is part of the clamp).
#include <algorithm>
#include <cstdint>

#include "flatnn/reference/broadcast.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct add_pot_int16_params {
    int right_shift1 = 0, right_shift2 = 0;  // 0..15, at most one non-zero
    int32_t act_min = -32768, act_max = 32767;
};

template <bool Subtract>
inline int16_t add_pot_int16_one(const add_pot_int16_params& p, int16_t x1, int16_t x2) noexcept {
    const int32_t a = fixed_point::rdbpot(x1, p.right_shift1);
    const int32_t b = fixed_point::rdbpot(x2, p.right_shift2);
    return int16_t(std::min(p.act_max, std::max(p.act_min, Subtract ? a - b : a + b)));
}

// ADD: TFLite's form walks both inputs flat (no broadcasting; prepare requires equal shapes).
inline void add_pot_int16(const add_pot_int16_params& p, int64_t count, const int16_t* a, const int16_t* b,
                          int16_t* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = add_pot_int16_one<false>(p, a[i], b[i]);
}

// SUB broadcasts.
inline void sub_pot_int16(const broadcast_params& bc, const add_pot_int16_params& p, const int16_t* a,
                          const int16_t* b, int16_t* out) noexcept {
    for_each_broadcast(bc, [&](int64_t o, int64_t i1, int64_t i2) { out[o] = add_pot_int16_one<true>(p, a[i1], b[i2]); });
}

}  // namespace flatnn::reference
