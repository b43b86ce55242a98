#version 450
// DEPTHWISE_CONV_2D, NHWC input, [1, KH, KW, OC] filter, output channel oc reads input channel oc / M. One
// invocation per output element, in the reference kernel's accumulation order.
// variants: f32 f16 q8
// S0 stride_h, S1 stride_w, S2 dilation_h, S3 dilation_w, S4 pad_h, S5 pad_w, S6 KH, S7 KW, S8 depth multiplier M;
// q8: S10 input offset, S11 filter offset, S12 output zero point, S13/S14 activation range; f32: F0/F1.
// p: 0 input, 1 filter, 2 bias (-1: none), 3 output, 4 multipliers, 5 shifts, 6 H, 7 W, 8 C, 9 OH, 10 OW, 11 OC,
// 12 output elements.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[12]) return;
    // The output dims are also S17 (OC), S18 (OW), S19 (OH): division by constants is cheap.
    const int H = pc.p[6], W = pc.p[7], C = pc.p[8], OH = S19, OW = S18, OC = S17;
    const int oc = gid % OC;
    int t = gid / OC;
    const int ox = t % OW;
    t /= OW;
    const int oy = t % OH;
    const int b = t / OH;
    const int ic = oc / S8;
#ifdef FLATNN_F32
    float acc = 0.0;
#else
    int acc = 0;
#endif
    for (int ky = 0; ky < S6; ++ky) {
        const int iy = oy * S0 - S4 + ky * S2;
        if (iy < 0 || iy >= H) continue;
        for (int kx = 0; kx < S7; ++kx) {
            const int ix = ox * S1 - S5 + kx * S3;
            if (ix < 0 || ix >= W) continue;
            const int xi = pc.p[0] + ((b * H + iy) * W + ix) * C + ic;
            const int wi = pc.p[1] + (ky * S7 + kx) * OC + oc;
#ifdef FLATNN_F32
            acc += LOADF(xi) * LOADF(wi);
#else
            acc += (load_q(wi) + S11) * (load_q(xi) + S10);
#endif
        }
    }
#ifdef FLATNN_F32
    if (pc.p[2] >= 0) acc += LOADF(pc.p[2] + oc);
    STOREF(pc.p[3] + gid, min(max(acc, F0), F1));
#else
    if (pc.p[2] >= 0) acc += i32[pc.p[2] + oc];
    int v = multiply_by_quantized_multiplier(acc, i32[pc.p[4] + oc], i32[pc.p[5] + oc]) + S12;
    store_q(pc.p[3] + gid, min(max(v, S13), S14));
#endif
}
