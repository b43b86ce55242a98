// Preamble of every flatnn compute shader. One descriptor set: the tensor buffer (activation arena followed by
// the constants) bound four times, as float, int32, uint8 and int8 arrays; every tensor is an element offset
// into it, passed as a push constant. Static op parameters are specialization constants S0..S19 (int) and
// F0, F1 (float); shapes and offsets are the push constants p[0..31].
// Variants: FLATNN_F32 (float32), FLATNN_F16 (float tensors stored as float16, arithmetic in float32; needs
// 16-bit storage; the shader's float code is shared with F32 through LOADF/STOREF) and FLATNN_Q8 (8-bit
// integers, signed when S15 != 0; needs 8-bit storage).
#ifdef FLATNN_F16
#extension GL_EXT_shader_16bit_storage : require
#define FLATNN_F32
#endif
#ifdef FLATNN_Q8
#extension GL_EXT_shader_8bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_int8 : require
#endif

layout(local_size_x = 64) in;

layout(std430, set = 0, binding = 0) buffer F32 { float f32[]; };
layout(std430, set = 0, binding = 1) buffer I32 { int i32[]; };
#ifdef FLATNN_Q8
layout(std430, set = 0, binding = 2) buffer U8 { uint8_t u8[]; };
layout(std430, set = 0, binding = 3) buffer I8 { int8_t i8[]; };
#endif
#ifdef FLATNN_F16
layout(std430, set = 0, binding = 4) buffer F16 { float16_t f16[]; };
#define LOADF(i) float(f16[i])
#define STOREF(i, v) f16[i] = float16_t(v)
#else
#define LOADF(i) f32[i]
#define STOREF(i, v) f32[i] = (v)
#endif

layout(push_constant) uniform PC { int p[32]; } pc;

layout(constant_id = 0) const int S0 = 0;
layout(constant_id = 1) const int S1 = 0;
layout(constant_id = 2) const int S2 = 0;
layout(constant_id = 3) const int S3 = 0;
layout(constant_id = 4) const int S4 = 0;
layout(constant_id = 5) const int S5 = 0;
layout(constant_id = 6) const int S6 = 0;
layout(constant_id = 7) const int S7 = 0;
layout(constant_id = 8) const int S8 = 0;
layout(constant_id = 9) const int S9 = 0;
layout(constant_id = 10) const int S10 = 0;
layout(constant_id = 11) const int S11 = 0;
layout(constant_id = 12) const int S12 = 0;
layout(constant_id = 13) const int S13 = 0;
layout(constant_id = 14) const int S14 = 0;
layout(constant_id = 15) const int S15 = 0;
layout(constant_id = 16) const float F0 = 0.0;
layout(constant_id = 17) const float F1 = 0.0;
layout(constant_id = 18) const int S16 = 0;
layout(constant_id = 19) const int S17 = 0;
layout(constant_id = 20) const int S18 = 0;
layout(constant_id = 21) const int S19 = 0;

// Linear invocation index over a 2D grid of 64-wide workgroups (x is capped at 65535 groups).
int flat_id() { return int((gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 64u + gl_LocalInvocationID.x); }

// x / s correctly rounded: the driver's division may be off by an ulp or two (Vulkan allows 2.5), so of the
// quotient and its neighbours the one with the smallest exact residual wins (fma in a precise expression is one
// rounding). A float quotient is never exactly halfway between two floats, so the minimum is unique.
float divide_rounded(float x, float s) {
    const float q = x / s;
    if (isnan(q) || isinf(q) || q == 0.0) return q;
    float best = q;
    precise float best_r = abs(fma(-q, s, x));
    for (int k = -2; k <= 2; ++k) {
        const float c = uintBitsToFloat(uint(int(floatBitsToUint(q)) + k));
        precise float r = abs(fma(-c, s, x));
        if (r < best_r) best = c, best_r = r;
    }
    return best;
}

// std::round: half away from zero (GLSL's round() may round halves either way); r - trunc(r) is exact.
float round_half_away(float r) {
    float t = trunc(r);
    if (abs(r - t) >= 0.5) t += sign(r);
    return t;
}

// float -> int32 as x86's cvttss2si: truncation; NaN and out-of-range values give INT32_MIN.
int to_int32_x86(float v) { return (v >= -2147483648.0 && v < 2147483648.0) ? int(v) : (-2147483647 - 1); }

#ifdef FLATNN_Q8
int load_q(int i) { return S15 != 0 ? int(i8[i]) : int(u8[i]); }
// Byte k of a 32-bit word as the 8-bit type (sign- or zero-extended).
int byte_q(int word, int k) { return S15 != 0 ? bitfieldExtract(word, 8 * k, 8) : int(bitfieldExtract(uint(word), 8 * k, 8)); }
void store_q(int i, int v) {
    if (S15 != 0) i8[i] = int8_t(v);
    else u8[i] = uint8_t(v);
}

// TensorFlow Lite's fixed-point rescaling (reference/fixed_point.hpp) with 32-bit integer operations only:
// the 64-bit product comes from imulExtended as (hi, lo) and the nudge is added with a carry.
int srdhm(int a, int b) {
    if (a == b && a == -2147483647 - 1) return 2147483647;
    int hi, lo;
    imulExtended(a, b, hi, lo);
    const bool neg = hi < 0;  // sign of the 64-bit product
    uint carry;
    const uint slo = uaddCarry(uint(lo), neg ? uint(1 - (1 << 30)) : uint(1 << 30), carry);
    const int shi = hi + (neg ? -1 : 0) + int(carry);
    int q = (shi << 1) | int(slo >> 31);                 // floor(sum / 2^31); the quotient fits in 32 bits
    if (shi < 0 && (slo & 0x7FFFFFFFu) != 0u) q += 1;    // C++ division truncates toward zero
    return q;
}

int rdbpot(int x, int n) {
    const int mask = int((1u << uint(n)) - 1u);
    const int rem = x & mask;
    const int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> n) + (rem > threshold ? 1 : 0);
}

int multiply_by_quantized_multiplier(int x, int multiplier, int shift) {
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    return rdbpot(srdhm(int(uint(x) << uint(left)), multiplier), right);
}
#endif
