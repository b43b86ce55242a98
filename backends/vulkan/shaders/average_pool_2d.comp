#version 450
// AVERAGE_POOL_2D (NHWC): the mean over the part of the window inside the input (padding is not counted).
// variants: f32 f16 q8
// S0 stride_h, S1 stride_w, S2 filter_h, S3 filter_w, S4 pad_h, S5 pad_w; q8: S13/S14 activation range; f32: F0/F1.
// p: 0 input, 1 output, 2 H, 3 W, 4 C, 5 OH, 6 OW, 7 output elements.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

void main() {
    const int gid = flat_id();
    if (gid >= pc.p[7]) return;
    // C, OW, OH are also S17, S18, S19: division by constants is cheap.
    const int H = pc.p[2], W = pc.p[3], C = S17, OH = S19, OW = S18;
    const int c = gid % C;
    int t = gid / C;
    const int ox = t % OW;
    t /= OW;
    const int oy = t % OH;
    const int b = t / OH;
    const int iy = oy * S0 - S4, ix = ox * S1 - S5;
    const int y0 = max(iy, 0), y1 = max(min(iy + S2, H), y0);
    const int x0 = max(ix, 0), x1 = max(min(ix + S3, W), x0);
    const int count = (y1 - y0) * (x1 - x0);
#ifdef FLATNN_F32
    float sum = 0.0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) sum += LOADF(pc.p[0] + ((b * H + y) * W + x) * C + c);
    const float avg = count > 0 ? sum / float(count) : 0.0;
    STOREF(pc.p[1] + gid, min(max(avg, F0), F1));
#else
    int acc = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) acc += load_q(pc.p[0] + ((b * H + y) * W + x) * C + c);
    int avg = 0;
    if (count > 0) avg = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
    store_q(pc.p[1] + gid, min(max(avg, S13), S14));
#endif
}
