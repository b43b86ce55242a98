#version 450
// RESIZE_BILINEAR (NHWC), with the arithmetic of the reference kernels (reference/resize_bilinear.hpp): float32
// and uint8 interpolate in single precision with every product rounded on its own (`precise`: no fused
// multiply-add), uint8 adds 0.5 and truncates; int8 uses 10-bit fixed-point coordinates (the 20-bit products
// stay below 2^30, so int32 holds them). One invocation per output element.
// variants: f32 f16 q8
// S0 half_pixel_centers; F0/F1 height/width scale (float32, uint8); S1/S2 height/width scale in 1/1024 (int8);
// S15 signed (int8); S17 C, S18 OW, S19 OH.
// p: 0 input, 1 output, 2 H, 3 W, 4 output elements.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

// Source coordinate and neighbours, as reference::resize_source_float.
void source_float(int dst, float scale, int in_size, out float src, out int i0, out int i1) {
    precise float s = S0 != 0 ? (float(dst) + 0.5) * scale - 0.5 : float(dst) * scale;
    src = s;
    i0 = max(int(floor(s)), 0);
    i1 = min(int(ceil(s)), in_size - 1);
}

// As reference::resize_source_10bit (int division truncates toward zero, as in C++).
void source_10bit(int dst, int scale10, int in_size, out int src, out int i0, out int i1) {
    src = S0 != 0 ? dst * scale10 + scale10 / 2 - (1 << 9) : dst * scale10;
    i0 = max(src / (1 << 10), 0);
    i1 = min((src + (1 << 10) - 1) / (1 << 10), in_size - 1);
}

float load_value(int i) {
#ifdef FLATNN_F32
    return LOADF(i);
#else
    return float(load_q(i));
#endif
}

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[4]) return;
    const int H = pc.p[2], W = pc.p[3], C = S17, OW = S18, OH = S19;
    const int c = gid % C;
    int t = gid / C;
    const int x = t % OW;
    t /= OW;
    const int y = t % OH;
    const int b = t / OH;
#ifdef FLATNN_Q8
    if (S15 != 0) {
        int sy, y0, y1, sx, x0, x1;
        source_10bit(y, S1, H, sy, y0, y1);
        source_10bit(x, S2, W, sx, x0, x1);
        const int wy1 = sy - (1 << 10) * y0, wy0 = (1 << 10) - wy1;
        const int wx1 = sx - (1 << 10) * x0, wx0 = (1 << 10) - wx1;
        const int r0 = pc.p[0] + (b * H + y0) * W * C, r1 = pc.p[0] + (b * H + y1) * W * C;
        const int acc = load_q(r0 + x0 * C + c) * wy0 * wx0 + load_q(r1 + x0 * C + c) * wy1 * wx0 +
                        load_q(r0 + x1 * C + c) * wy0 * wx1 + load_q(r1 + x1 * C + c) * wy1 * wx1;
        const int round = acc > 0 ? (1 << 19) : -(1 << 19);
        store_q(pc.p[1] + gid, (acc + round) / (1 << 20));
        return;
    }
#endif
    float sy, sx;
    int y0, y1, x0, x1;
    source_float(y, F0, H, sy, y0, y1);
    source_float(x, F1, W, sx, x0, x1);
    precise float dy = sy - float(y0), ry = 1.0 - dy;
    precise float dx = sx - float(x0), rx = 1.0 - dx;
    const int r0 = pc.p[0] + (b * H + y0) * W * C, r1 = pc.p[0] + (b * H + y1) * W * C;
    precise float v = load_value(r0 + x0 * C + c) * ry * rx + load_value(r1 + x0 * C + c) * dy * rx +
                      load_value(r0 + x1 * C + c) * ry * dx + load_value(r1 + x1 * C + c) * dy * dx;
#ifdef FLATNN_F32
    STOREF(pc.p[1] + gid, v);
#else
    precise float rounded = v + 0.5;
    store_q(pc.p[1] + gid, int(rounded));  // uint8 only here: truncation of a non-negative value
#endif
}
