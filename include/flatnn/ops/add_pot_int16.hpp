#pragma once
// Whether an int16 ADD/SUB takes TFLite's power-of-two-scale form (reference/add_pot_int16.hpp), and its
// parameters, decided as TFLite's ADD and SUB prepare decide them.
#include <cmath>
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/add_pot_int16.hpp"

namespace flatnn::ops {

// TFLite's CheckedLog2, in float as there: a power of two when log2 lies within 1e-3 of an integer (returned).
inline bool checked_log2(float x, int& log2_rounded) noexcept {
    const float l = std::log(x) * (1.0f / std::log(2.0f));
    const float r = std::round(l);
    log2_rounded = std::isfinite(r) ? int(r) : 0;
    return std::fabs(l - r) < 1e-3f;
}

// AddOptions/SubOptions pot_scale_int16: true by the schema's default, but false without an options table (TFLite
// then zero-fills its parameters).
inline bool pot_scale_int16_option(const node& n, int field) {
    return n.op->options.valid() && n.op->options_type != 0 && n.op->options.scalar<bool>(field, true);
}

// The option alone does not decide: with any scale not a power of two TFLite runs the general form.
inline bool int16_pot_form(const node& n, bool pot_scale_int16) {
    int e = 0;
    return pot_scale_int16 && checked_log2(n.in(0).scale(), e) && checked_log2(n.in(1).scale(), e) &&
           checked_log2(n.out(0).scale(), e);
}

inline status setup_add_pot_int16(const node& n, int8_t act, reference::add_pot_int16_params& p) {
    int e1 = 0, e2 = 0, eo = 0;
    checked_log2(n.in(0).scale(), e1);
    checked_log2(n.in(1).scale(), e2);
    checked_log2(n.out(0).scale(), eo);
    const int s1 = eo - e1, s2 = eo - e2;  // right shifts
    if (s1 < 0 || s2 < 0 || (s1 != 0 && s2 != 0))
        return n.fail("int16 power-of-two-scale form: one input needs the output's scale and the other one no "
                      "coarser (scales 2^" + std::to_string(e1) + ", 2^" + std::to_string(e2) + " -> 2^" +
                      std::to_string(eo) + "), as in TensorFlow Lite");
    if (s1 > 15 || s2 > 15)  // would shift an int16 by 16 or more bits, outside gemmlowp's int16 rounding
        return n.fail("int16 power-of-two-scale form: an input scale 2^" + std::to_string(s1 > 0 ? e1 : e2) +
                      " is more than 2^15 below the output's 2^" + std::to_string(eo));
    p.right_shift1 = s1;
    p.right_shift2 = s2;
    quantized_activation_range<int16_t>(act, n.out(0).scale(), 0, p.act_min, p.act_max);
    return status::ok();
}

}  // namespace flatnn::ops
