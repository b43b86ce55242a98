#pragma once
// Reference SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND on NHWC (3-D inputs run with W = 1, block width 1).
// SPACE_TO_BATCH_ND: out[(i·bw + j)·N + n, y, x, c] = padded_in[n, y·bh + i, x·bw + j, c], padding with `pad`.
// BATCH_TO_SPACE_ND: out[n, y, x, c] = in[(i·bw + j)·N + n, yy, xx, c] where y + crop_top = yy·bh + i and
// x + crop_left = xx·bw + j. Byte copies of whole pixels.
#include <cstdint>
#include <cstring>

namespace flatnn::reference {

struct batch_space_params {
    int32_t block_h = 1, block_w = 1;
    int32_t pad_top = 0, pad_left = 0;  // SPACE_TO_BATCH_ND: leading padding; BATCH_TO_SPACE_ND: leading crop
    int32_t in_n = 0, in_h = 0, in_w = 0;
    int32_t out_n = 0, out_h = 0, out_w = 0;
    size_t pixel_bytes = 0;  // channels × element size
    uint8_t pad[8] = {};     // one element of padding
    size_t element_size = 0;
};

inline void space_to_batch_nd(const batch_space_params& p, const uint8_t* in, uint8_t* out) noexcept {
    for (int32_t ob = 0; ob < p.out_n; ++ob) {
        const int32_t n = ob % p.in_n, blk = ob / p.in_n, i = blk / p.block_w, j = blk % p.block_w;
        for (int32_t y = 0; y < p.out_h; ++y)
            for (int32_t x = 0; x < p.out_w; ++x) {
                const int32_t iy = y * p.block_h + i - p.pad_top, ix = x * p.block_w + j - p.pad_left;
                if (iy >= 0 && iy < p.in_h && ix >= 0 && ix < p.in_w) {
                    std::memcpy(out, in + ((size_t(n) * size_t(p.in_h) + size_t(iy)) * size_t(p.in_w) + size_t(ix)) * p.pixel_bytes,
                                p.pixel_bytes);
                } else {
                    for (size_t k = 0; k < p.pixel_bytes; k += p.element_size) std::memcpy(out + k, p.pad, p.element_size);
                }
                out += p.pixel_bytes;
            }
    }
}

inline void batch_to_space_nd(const batch_space_params& p, const uint8_t* in, uint8_t* out) noexcept {
    for (int32_t n = 0; n < p.out_n; ++n)
        for (int32_t y = 0; y < p.out_h; ++y)
            for (int32_t x = 0; x < p.out_w; ++x) {
                const int32_t sy = y + p.pad_top, sx = x + p.pad_left;
                const int32_t i = sy % p.block_h, j = sx % p.block_w;
                const int32_t b = (i * p.block_w + j) * p.out_n + n;
                std::memcpy(out,
                            in + ((size_t(b) * size_t(p.in_h) + size_t(sy / p.block_h)) * size_t(p.in_w) + size_t(sx / p.block_w)) *
                                     p.pixel_bytes,
                            p.pixel_bytes);
                out += p.pixel_bytes;
            }
}

}  // namespace flatnn::reference
