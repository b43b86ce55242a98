#version 450
// QUANTIZE to int8/uint8: requantization of an 8-bit input (reference::requantize: the fixed-point rescale of
// q - z_in, plus z_out, clamped) or float32 input (reference::quantize_one: round half away from zero of
// x / scale, plus the zero point with int32 wrap-around, clamped). One invocation per element.
// variants: q8
// S0 input is float32; S1 input zero point, S2 output zero point, S3/S4 multiplier/shift; S13 input signed;
// S15 output signed; F0 output scale (float input).
// p: 0 input, 1 output, 2 elements.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[2]) return;
    const int lo = S15 != 0 ? -128 : 0, hi = S15 != 0 ? 127 : 255;
    int v;
    if (S0 != 0) {
        const int i = to_int32_x86(round_half_away(divide_rounded(f32[pc.p[0] + gid], F0)));
        v = int(uint(i) + uint(S2));
    } else {
        const int q = S13 != 0 ? int(i8[pc.p[0] + gid]) : int(u8[pc.p[0] + gid]);
        v = multiply_by_quantized_multiplier(q - S1, S3, S4) + S2;
    }
    store_q(pc.p[1] + gid, min(max(v, lo), hi));
}
