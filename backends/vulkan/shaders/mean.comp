#version 450
// MEAN over any set of axes of an input of rank <= 4 (left-padded with 1s to 4D). One invocation per output
// element sums its reduced elements in increasing input order, the order of the reference kernel, so the float
// sum is the same; the quotient is correctly rounded as in C++. 8-bit: TFLite's integer mean (ops/mean.hpp).
// variants: f32 f16 q8
// q8: S0 multiplier, S1 shift, S2 sum offset (-z_in * count), S3 output zero point, S15 signed.
// p: 0 input, 1 output, 2..5 input dims (4D), 6 output elements, 7 reduced-axis mask (bit i: dim i), 8 count.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[6]) return;
    const int mask = pc.p[7];
    int d[4], base[4], extent[4];
    int t = gid;
    for (int i = 3; i >= 0; --i) {
        d[i] = pc.p[2 + i];
        const bool reduced = (mask & (1 << i)) != 0;
        extent[i] = reduced ? d[i] : 1;
        base[i] = reduced ? 0 : t % d[i];
        if (!reduced) t /= d[i];
    }
#ifdef FLATNN_F32
    precise float sum = 0.0;
#else
    int sum = 0;  // wraps as the reference's int32 sum
#endif
    for (int a = base[0]; a < base[0] + extent[0]; ++a)
        for (int b = base[1]; b < base[1] + extent[1]; ++b)
            for (int c = base[2]; c < base[2] + extent[2]; ++c) {
                const int row = pc.p[0] + ((a * d[1] + b) * d[2] + c) * d[3];
                for (int e = base[3]; e < base[3] + extent[3]; ++e) {
#ifdef FLATNN_F32
                    sum += LOADF(row + e);
#else
                    sum += load_q(row + e);
#endif
                }
            }
#ifdef FLATNN_F32
    STOREF(pc.p[1] + gid, divide_rounded(sum, float(pc.p[8])));
#else
    int v = multiply_by_quantized_multiplier(sum + S2, S0, S1);
    // v + zero point, saturating as the reference's add_saturated.
    const int z = S3;
    v = (z > 0 && v > 2147483647 - z) ? 2147483647 : (z < 0 && v < (-2147483647 - 1) - z) ? (-2147483647 - 1) : v + z;
    const int lo = S15 != 0 ? -128 : 0, hi = S15 != 0 ? 127 : 255;
    store_q(pc.p[1] + gid, min(max(v, lo), hi));
#endif
}
