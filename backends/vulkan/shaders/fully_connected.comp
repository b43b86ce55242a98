#version 450
// FULLY_CONNECTED, float32: out[b, o] = act(sum_k in[b, k] * w[o, k] + bias[o]); one invocation per output.
// variants: f32
// F0/F1 activation range. p: 0 input, 1 weights, 2 bias (-1: none), 3 output, 4 input size K, 5 units O,
// 6 output elements.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[6]) return;
    const int K = pc.p[4], O = pc.p[5];
    const int o = gid % O, b = gid / O;
    const int x = pc.p[0] + b * K, w = pc.p[1] + o * K;
    float acc = 0.0;
    for (int k = 0; k < K; ++k) acc += f32[x + k] * f32[w + k];
    if (pc.p[2] >= 0) acc += f32[pc.p[2] + o];
    f32[pc.p[3] + gid] = min(max(acc, F0), F1);
}
