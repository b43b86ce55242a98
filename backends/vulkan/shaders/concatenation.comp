#version 450
// CONCATENATION, one dispatch per input: copies its `block` elements per outer index into the output rows.
// The f32 variant moves 32-bit words (any 4-byte type), q8 moves bytes.
// variants: f32 f16 q8
// p: 0 input, 1 output, 2 input block, 3 output block, 4 position of this input in the output block,
// 5 elements to copy (outer x block).
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[5]) return;
    const int k = gid / pc.p[2], j = gid % pc.p[2];
    const int dst = pc.p[1] + k * pc.p[3] + pc.p[4] + j;
#if defined(FLATNN_F16)
    f16[dst] = f16[pc.p[0] + gid];
#elif defined(FLATNN_F32)  // also int32: 4-byte words
    i32[dst] = i32[pc.p[0] + gid];
#else
    u8[dst] = u8[pc.p[0] + gid];
#endif
}
