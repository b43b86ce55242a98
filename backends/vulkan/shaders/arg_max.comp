#version 450
// ARG_MAX: the index of the largest value along one axis, a strict greater-than scan from index 0 (ties keep the
// lowest index; a NaN never replaces the running maximum, as reference/arg_max.hpp). One invocation per output
// element; int64 output is written as two int32 words (the index, then 0: indices are non-negative).
// variants: f32 f16 q8
// S0 int64 output; S15 signed (q8). p: 0 input, 1 output (int32 element offset), 2 outer, 3 axis size, 4 inner,
// 5 output elements.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[5]) return;
    const int axis = pc.p[3], inner = pc.p[4];
    const int o = gid / inner, k = gid - o * inner;
    const int base = pc.p[0] + o * axis * inner + k;
    int best_i = 0;
#ifdef FLATNN_F32
    float best = LOADF(base);
    for (int i = 1; i < axis; ++i) {
        const float x = LOADF(base + i * inner);
        if (x > best) best = x, best_i = i;
    }
#else
    int best = load_q(base);
    for (int i = 1; i < axis; ++i) {
        const int x = load_q(base + i * inner);
        if (x > best) best = x, best_i = i;
    }
#endif
    if (S0 != 0) {
        i32[pc.p[1] + 2 * gid] = best_i;
        i32[pc.p[1] + 2 * gid + 1] = 0;
    } else {
        i32[pc.p[1] + gid] = best_i;
    }
}
