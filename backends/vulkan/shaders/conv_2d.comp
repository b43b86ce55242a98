#version 450
// CONV_2D, NHWC input, OHWI filter, grouped when the filter has fewer input channels. One invocation per output
// element; the accumulation order (ky, kx, ic, then bias) is the reference kernel's.
// variants: f32 f16 q8
// S0 stride_h, S1 stride_w, S2 dilation_h, S3 dilation_w, S4 pad_h, S5 pad_w, S6 KH, S7 KW, S8 filter channels,
// S9 output channels per group; q8: S10 input offset, S11 filter offset, S12 output zero point, S13/S14 activation
// range, S16 != 0: read 4 bytes per load (the filter channels and the input channels are multiples of 4);
// f32: F0/F1 activation range.
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
    const int g = oc / S9;
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
            const int xp = pc.p[0] + ((b * H + iy) * W + ix) * C + g * S8;
            const int wp = pc.p[1] + ((oc * S6 + ky) * S7 + kx) * S8;
#ifdef FLATNN_F32
            for (int ic = 0; ic < S8; ++ic) acc += LOADF(xp + ic) * LOADF(wp + ic);
#else
            if (S16 != 0) {
                // Integer sums are exact in any order: 4 channels per 32-bit load.
                const int xw = xp >> 2, ww = wp >> 2;
                for (int i4 = 0; i4 < S8 / 4; ++i4) {
                    const int x = i32[xw + i4], w = i32[ww + i4];
                    for (int k = 0; k < 4; ++k) acc += (byte_q(w, k) + S11) * (byte_q(x, k) + S10);
                }
            } else {
                for (int ic = 0; ic < S8; ++ic) acc += (load_q(wp + ic) + S11) * (load_q(xp + ic) + S10);
            }
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
