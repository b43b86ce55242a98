#pragma once
// IEEE 754 binary16 <-> float32 on the host: DEQUANTIZE of float16 weights, and the Vulkan backend's float16
// storage (host tensors stay float32; transfers convert).
#include <cstdint>
#include <cstring>

namespace flatnn {

// IEEE 754 binary16 bits to float (exact: every half is a float).
inline float half_to_float(uint16_t h) noexcept {
    const uint32_t sign = uint32_t(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    uint32_t bits;
    if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13);  // inf / NaN
    } else if (exp != 0) {
        bits = sign | ((exp + 112u) << 23) | (mant << 13);
    } else if (mant == 0) {
        bits = sign;  // signed zero
    } else {          // subnormal half: normalise
        int e = -1;
        do {
            ++e;
            mant <<= 1;
        } while (!(mant & 0x400u));
        bits = sign | (uint32_t(112 - e) << 23) | ((mant & 0x3ffu) << 13);
    }
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

// float to the nearest binary16, ties to even; overflow gives infinity, NaN stays a (quiet) NaN.
inline uint16_t float_to_half(float f) noexcept {
    uint32_t x;
    std::memcpy(&x, &f, sizeof x);
    const uint32_t sign = (x >> 16) & 0x8000u, a = x & 0x7fffffffu;
    if (a > 0x7f800000u) return uint16_t(sign | 0x7e00u | ((a >> 13) & 0x3ffu));  // NaN
    if (a >= 0x477ff000u) return uint16_t(sign | 0x7c00u);  // >= 65520 (halfway above 65504): infinity
    if (a < 0x38800000u) {                                    // below 2^-14: a subnormal half or zero
        if (a < 0x33000000u) return uint16_t(sign);           // below 2^-25 (2^-25 itself ties to 0)
        const uint32_t m = (a & 0x7fffffu) | 0x800000u, shift = 126u - (a >> 23);  // m * 2^-shift units of 2^-24
        uint32_t q = m >> shift;
        const uint32_t rem = m & ((1u << shift) - 1u), half = 1u << (shift - 1u);
        if (rem > half || (rem == half && (q & 1u))) ++q;
        return uint16_t(sign | q);
    }
    uint32_t h = (a - 0x38000000u) >> 13;  // rebias 127 -> 15, keep 10 mantissa bits
    const uint32_t rem = a & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) ++h;  // a carry into the exponent is still right
    return uint16_t(sign | h);
}

}  // namespace flatnn
