#version 450
// FULLY_CONNECTED: out[b, o] = act(sum_k in[b, k] * w[o, k] + bias[o]); one invocation per output.
// q8 follows reference::fully_connected_quantized: the int32 sum of (w + filter offset) * (x + input offset) plus
// the bias, rescaled by s_in * s_w[o] / s_out in double precision (as TFLite's reference kernel, needs
// shaderFloat64), rounded half away from zero, plus the output zero point with int32 wrap-around, clamped.
// variants: f32 f16 q8
// f32: F0/F1 activation range. q8: S10 input offset, S11 filter offset, S12 output zero point, S13/S14 activation
// range, S15 signed.
// p: 0 input, 1 weights, 2 bias (-1: none), 3 output, 4 input size K, 5 units O, 6 output elements,
// 7 per-unit scales (q8: int32 element offset of O doubles as (low, high) word pairs).
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

#ifdef FLATNN_Q8
double round_half_away_d(double r) {
    double t = trunc(r);
    if (abs(r - t) >= 0.5LF) t += sign(r);
    return t;
}
#endif

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[6]) return;
    const int K = pc.p[4], O = pc.p[5];
    const int o = gid % O, b = gid / O;
    const int x = pc.p[0] + b * K, w = pc.p[1] + o * K;
#ifdef FLATNN_F32
    float acc = 0.0;
    for (int k = 0; k < K; ++k) acc += LOADF(x + k) * LOADF(w + k);
    if (pc.p[2] >= 0) acc += LOADF(pc.p[2] + o);
    STOREF(pc.p[3] + gid, min(max(acc, F0), F1));
#else
    int acc = 0;
    for (int k = 0; k < K; ++k) acc += (load_q(w + k) + S11) * (load_q(x + k) + S10);
    if (pc.p[2] >= 0) acc += i32[pc.p[2] + o];
    const int s = pc.p[7] + 2 * o;
    const double scale = packDouble2x32(uvec2(uint(i32[s]), uint(i32[s + 1])));
    precise double product = double(acc) * scale;
    const double r = round_half_away_d(product);
    const int q = (r >= -2147483648.0LF && r < 2147483648.0LF) ? int(r) : (-2147483647 - 1);
    store_q(pc.p[3] + gid, min(max(int(uint(q) + uint(S12)), S13), S14));
#endif
}
