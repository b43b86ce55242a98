#version 450
// SOFTMAX over the last axis: one invocation per row.
// float32: max, exp((x - max) * beta), sum, scale (float16 storage: exp again rather than storing it unscaled).
// q8: as reference::softmax_quantized: the 256-entry table exp(-s_in * beta * v) from the host, read from the
// row's maximum; the sum in the reference order, then each table value times 1 / (sum * s_out), rounded as the
// reference does per type (`precise` and the correctly rounded division keep every float step identical).
// variants: f32 f16 q8
// f32: F0 beta. q8: F0 output scale, S12 output zero point, S15 signed.
// p: 0 input, 1 output, 2 rows, 3 depth, 4 table (float element offset; q8).
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int r = flat_id();
    if (r >= pc.p[2]) return;
    const int depth = pc.p[3], in0 = pc.p[0] + r * depth, out0 = pc.p[1] + r * depth;
#ifdef FLATNN_Q8
    const int lo = S15 != 0 ? -128 : 0, hi = S15 != 0 ? 127 : 255;
    int qmax = lo;
    for (int j = 0; j < depth; ++j) qmax = max(qmax, load_q(in0 + j));
    const int table = pc.p[4] + 255 - qmax;  // table[q] for q in [lo, qmax] stays inside the 256 entries
    precise float qsum = 0.0;
    for (int j = 0; j < depth; ++j) qsum += f32[table + load_q(in0 + j)];
    precise float denom = qsum * F0;
    const float qinv = divide_rounded(1.0, denom);
    for (int j = 0; j < depth; ++j) {
        precise float prob = f32[table + load_q(in0 + j)] * qinv;
        precise float shifted = prob + 0.5;
        const int y = S15 != 0 ? int(uint(to_int32_x86(round_half_away(prob))) + uint(S12)) : to_int32_x86(shifted);
        store_q(out0 + j, min(max(y, lo), hi));
    }
#else
    float mx = LOADF(in0);
    for (int j = 1; j < depth; ++j) mx = max(mx, LOADF(in0 + j));
#ifdef FLATNN_F16  // exp twice rather than a float16 round trip of the unscaled values
    float sum = 0.0;
    for (int j = 0; j < depth; ++j) sum += exp((LOADF(in0 + j) - mx) * F0);
    const float inv = 1.0 / sum;
    for (int j = 0; j < depth; ++j) STOREF(out0 + j, exp((LOADF(in0 + j) - mx) * F0) * inv);
#else
    float sum = 0.0;
    for (int j = 0; j < depth; ++j) {
        const float e = exp((f32[in0 + j] - mx) * F0);
        f32[out0 + j] = e;
        sum += e;
    }
    const float inv = 1.0 / sum;
    for (int j = 0; j < depth; ++j) f32[out0 + j] *= inv;
#endif
#endif
}
