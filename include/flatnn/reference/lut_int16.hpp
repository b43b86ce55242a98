#pragma once
// TensorFlow Lite's interpolated int16 -> int16 tables (513 entries: the high 9 bits of the input pick an entry,
// the low 7 interpolate to the next one), used by the int16 SOFTMAX. Filled in double precision the way TFLite
// fills them: each entry is the rounded sample minus half the rounded error of the interpolation at the
// segment's midpoint, so that linear interpolation is centred on the function.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace flatnn::reference {

constexpr int lut_int16_size = 513;

template <class Fn>
inline void lut_int16_fill(double input_scale, int32_t input_zero_point, double output_scale,
                           int32_t output_zero_point, Fn fn, int16_t lut[lut_int16_size]) {
    const double in_min = input_scale * double(-32768 - input_zero_point);
    const double in_max = input_scale * double(32767 - input_zero_point);
    const double out_min = output_scale * double(-32768 - output_zero_point);
    const double out_max = output_scale * double(32767 - output_zero_point);
    const int steps = 512;
    const double step = (in_max - in_min) / steps;
    const double half_step = step / 2;
    const double to_table = 65536.0 / (out_max - out_min);
    auto clamp16 = [](double v) { return int16_t(std::min(std::max(v, -32768.0), 32767.0)); };
    for (int i = 0; i < steps; ++i) {
        const double v = fn(in_min + i * step);
        const double v_mid = fn(in_min + i * step + half_step);
        const double v_next = fn(in_min + (i + 1) * step);
        const double sample = std::round(v * to_table);
        const double interpolated_mid = std::round((v_next * to_table + std::round(v * to_table)) / 2);
        const double exact_mid = std::round(v_mid * to_table);
        const double bias = std::round((interpolated_mid - exact_mid) / 2);
        lut[i] = clamp16(sample - bias);
    }
    lut[steps] = clamp16(std::round(fn(in_max) * to_table));
}

inline int16_t lut_int16_lookup(int16_t value, const int16_t lut[lut_int16_size]) noexcept {
    const int index = 256 + (value >> 7);  // arithmetic shift: 0 .. 511
    const int offset = value & 0x7F;
    const int base = lut[index];
    const int slope = lut[index + 1] - lut[index];
    return int16_t(base + ((slope * offset + 64) >> 7));
}

}  // namespace flatnn::reference
