#version 450
// ADD with broadcasting over up to 4 axes (the operand strides are 0 on repeated axes). One invocation per
// output element.
// variants: f32 f16 q8
// q8: S0 input1 offset, S1 input2 offset, S2 output offset, S3 left shift, S4/S5 input1 multiplier/shift,
// S6/S7 input2 multiplier/shift, S8/S9 output multiplier/shift, S13/S14 activation range; f32: F0/F1.
// p: 0 input1, 1 input2, 2 output, 3 output elements, 4..7 output dims, 8..11 input1 strides, 12..15 input2 strides.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[3]) return;
    int t = gid, i1 = gid, i2 = gid;
    if (S10 == 0) i1 = 0, i2 = 0;  // S10 != 0: same shapes, no broadcasting
    for (int d = 3; d >= 0 && S10 == 0; --d) {
        const int c = t % pc.p[4 + d];
        t /= pc.p[4 + d];
        i1 += c * pc.p[8 + d];
        i2 += c * pc.p[12 + d];
    }
#ifdef FLATNN_F32
    STOREF(pc.p[2] + gid, min(max(LOADF(pc.p[0] + i1) + LOADF(pc.p[1] + i2), F0), F1));
#else
    const int a = multiply_by_quantized_multiplier((load_q(pc.p[0] + i1) + S0) * (1 << S3), S4, S5);
    const int b = multiply_by_quantized_multiplier((load_q(pc.p[1] + i2) + S1) * (1 << S3), S6, S7);
    const int y = multiply_by_quantized_multiplier(a + b, S8, S9) + S2;
    store_q(pc.p[2] + gid, min(max(y, S13), S14));
#endif
}
