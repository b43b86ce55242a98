#version 450
// SOFTMAX over the last axis, float32: one invocation per row (max, exp((x - max) * beta), sum, scale).
// variants: f32
// F0 beta. p: 0 input, 1 output, 2 rows, 3 depth.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int r = flat_id();
    if (r >= pc.p[2]) return;
    const int depth = pc.p[3], in0 = pc.p[0] + r * depth, out0 = pc.p[1] + r * depth;
    float mx = f32[in0];
    for (int j = 1; j < depth; ++j) mx = max(mx, f32[in0 + j]);
    float sum = 0.0;
    for (int j = 0; j < depth; ++j) {
        const float e = exp((f32[in0 + j] - mx) * F0);
        f32[out0 + j] = e;
        sum += e;
    }
    const float inv = 1.0 / sum;
    for (int j = 0; j < depth; ++j) f32[out0 + j] *= inv;
}
