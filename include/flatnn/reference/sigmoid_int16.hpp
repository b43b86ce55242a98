#pragma once
// Reference int16 LOGISTIC and TANH (16x8 models), as TensorFlow Lite's reference kernels: the input is moved to
// a table position (2^12 / 3 positions per unit of x for LOGISTIC, twice that for TANH, since
// tanh(x) = 2 sigmoid(2x) - 1), then interpolated linearly in the 256-entry sigmoid table; positions past the
// table saturate. Zero points are 0 and the output scale is 2^-15.
#include <cmath>
#include <cstdint>
#include <string>

#include "flatnn/reference/sigmoid_table_int16_generated.hpp"

namespace flatnn::reference {

// Input to table position: (x * multiplier + rounding) >> left_shift. A power-of-two input scale that needs no
// shift takes multiplier 3 (TFLite's "POT" case); other scales get a multiplier in [2^14, 2^15) scaled by the
// smallest shift that reaches it.
struct sigmoid_int16_params {
    int32_t multiplier = 3;
    int left_shift = 0;
};

// TFLite's CheckedLog2: log2(x) within 1e-3 of an integer.
inline bool checked_log2(float x, int& log2_rounded) noexcept {
    const double l = std::log(double(x)) / std::log(2.0);
    const double r = std::round(l);
    log2_rounded = int(r);
    return std::fabs(l - r) < 1e-3;
}

// tanh: true for TANH (whose power-of-two case also accepts a shift of 1). Returns an error text, empty if fine.
inline std::string sigmoid_int16_prepare(float input_scale, bool tanh, sigmoid_int16_params& p) {
    int log2_in = 0;
    bool pot = checked_log2(input_scale, log2_in);
    const int pot_shift = 12 + log2_in;  // (15 - 3 input integer bits) + log2(scale)
    pot = pot && (pot_shift == 0 || (tanh && pot_shift == 1));
    if (pot) {
        p.multiplier = 3 << pot_shift;
        p.left_shift = 0;
        return {};
    }
    double m = double(input_scale) * 4096.0 * 3.0;
    int shift = 0;
    while (m <= 32767.0 / 2.0 && shift <= 30) ++shift, m *= 2.0;
    // Larger multipliers would overflow int32 on the product (TFLite's behaviour there is undefined).
    if (!(m < 32768.0)) return "input scale " + std::to_string(input_scale) + " is too large for the int16 kernel";
    p.multiplier = int32_t(m);
    p.left_shift = shift;
    return {};
}

inline int32_t sigmoid_int16_position(const sigmoid_int16_params& p, int16_t x) noexcept {
    const int32_t round = p.left_shift > 0 ? int32_t(1) << (p.left_shift - 1) : 0;
    return int32_t((int64_t(x) * p.multiplier + round) >> p.left_shift);
}

inline void logistic_int16(const sigmoid_int16_params& p, int64_t count, const int16_t* in, int16_t* out) noexcept {
    for (int64_t i = 0; i < count; ++i) {
        const int32_t pos = sigmoid_int16_position(p, in[i]);
        const uint32_t a = uint32_t(pos < 0 ? -int64_t(pos) : pos);
        const uint32_t k = a >> 9;  // 9 fraction bits: 2^7 per input step times the 1/4 of the position scale
        uint32_t v;
        if (k >= 255) {
            v = uint32_t(0x7FFF) << 10;
        } else {
            const uint32_t lo = sigmoid_table_int16[k], hi = sigmoid_table_int16[k + 1];
            v = (lo << 9) + (a & 0x1FF) * (hi - lo);
        }
        v = pos >= 0 ? v + (1u << 9) : (1u << 25) - v + (1u << 9) - 1;
        out[i] = int16_t(v >> 10);
    }
}

inline void tanh_int16(const sigmoid_int16_params& p, int64_t count, const int16_t* in, int16_t* out) noexcept {
    for (int64_t i = 0; i < count; ++i) {
        const int32_t pos = sigmoid_int16_position(p, in[i]);
        const uint32_t a = uint32_t(pos < 0 ? -int64_t(pos) : pos);
        const uint32_t k = a >> 8;
        int32_t v;
        if (k >= 255) {
            v = int32_t(0xFFFF) << 8;
        } else {
            const uint32_t lo = sigmoid_table_int16[k], hi = sigmoid_table_int16[k + 1];
            v = int32_t((lo << 8) + (a & 0xFF) * (hi - lo));
        }
        v = pos >= 0 ? v - (1 << 23) + (1 << 7) : -v + (1 << 23) + (1 << 7) - 1;
        out[i] = int16_t(v >> 8);  // arithmetic shift: floor
    }
}

}  // namespace flatnn::reference
