#pragma once
// TensorFlow Lite's interpolated int16 -> int16 tables (513 entries: the high 9 bits of the input pick an entry,
// the low 7 interpolate to the next one), used by the int16 SOFTMAX (filled in double) and the int16 unary ops
// EXP, LOG, RSQRT and GELU (filled in float). Filled the way TFLite fills them, in the same precision and order:
// each entry is the rounded sample minus half the rounded error of the interpolation at the segment's midpoint,
// so that linear interpolation is centred on the function.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace flatnn::reference {

constexpr int lut_int16_size = 513;

// FloatT (float or double) is the precision of every step, as TFLite's LUTPopulateInt16<FloatT>; fn maps FloatT
// to FloatT.
template <class FloatT, class Fn>
inline void lut_int16_fill_in(FloatT input_scale, int32_t input_zero_point, FloatT output_scale,
                              int32_t output_zero_point, Fn fn, int16_t lut[lut_int16_size]) {
    const FloatT in_min = input_scale * FloatT(-32768 - input_zero_point);
    const FloatT in_max = input_scale * FloatT(32767 - input_zero_point);
    const FloatT out_min = output_scale * FloatT(-32768 - output_zero_point);
    const FloatT out_max = output_scale * FloatT(32767 - output_zero_point);
    const int steps = 512;
    const FloatT step = (in_max - in_min) / FloatT(steps);
    const FloatT half_step = step / FloatT(2);
    const FloatT to_table = FloatT(65536) / (out_max - out_min);
    const FloatT two = 2;
    auto f = [&](FloatT x) { return FloatT(fn(x)); };
    // NaN (an infinite output range from a huge output scale times an infinite sample) passes the clamp; the
    // float-to-integer conversion TFLite compiles to on x86 gives 0x80000000 for it, whose low 16 bits are 0.
    auto clamp16 = [](FloatT v) {
        return std::isnan(v) ? int16_t(0) : int16_t(std::min<FloatT>(std::max<FloatT>(v, -32768), 32767));
    };
    for (int i = 0; i < steps; ++i) {
        const FloatT v = f(in_min + FloatT(i) * step);
        const FloatT v_mid = f(in_min + FloatT(i) * step + half_step);
        const FloatT v_next = f(in_min + FloatT(i + 1) * step);
        const FloatT sample = std::round(v * to_table);
        const FloatT interpolated_mid = std::round((v_next * to_table + std::round(v * to_table)) / two);
        const FloatT exact_mid = std::round(v_mid * to_table);
        const FloatT bias = std::round((interpolated_mid - exact_mid) / two);
        lut[i] = clamp16(sample - bias);
    }
    lut[steps] = clamp16(std::round(f(in_max) * to_table));
}

template <class Fn>
inline void lut_int16_fill(double input_scale, int32_t input_zero_point, double output_scale,
                           int32_t output_zero_point, Fn fn, int16_t lut[lut_int16_size]) {
    lut_int16_fill_in<double>(input_scale, input_zero_point, output_scale, output_zero_point, fn, lut);
}

inline int16_t lut_int16_lookup(int16_t value, const int16_t lut[lut_int16_size]) noexcept {
    const int index = 256 + (value >> 7);  // arithmetic shift: 0 .. 511
    const int offset = value & 0x7F;
    const int base = lut[index];
    // TFLite keeps the slope in an int16, so a step wider than 32767 (LOG's floor next to its first sample)
    // wraps; so does this.
    const int slope = int16_t(uint16_t(lut[index + 1] - lut[index]));
    return int16_t(uint16_t(base + ((slope * offset + 64) >> 7)));
}

inline void lut_int16_map(const int16_t lut[lut_int16_size], int64_t count, const int16_t* in, int16_t* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = lut_int16_lookup(in[i], lut);
}

}  // namespace flatnn::reference
