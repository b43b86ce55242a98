#pragma once
// Image loading (BMP, PNG, JPEG into 8-bit RGB, rows top first, HWC) and the preprocessing of the public Coral test
// suites, for programs: the flatnn command line tool, the examples and the tests. It is not part of the library.
//
// It compiles stb_image (Debian libstb-dev, <stb/stb_image.h>) into each translation unit that includes it, as
// static functions (STB_IMAGE_STATIC), so several translation units of one program may include it without clashing.
// A translation unit that includes this header must not include stb_image.h itself, before or after.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "flatnn/core/status.hpp"

#ifdef STBI_INCLUDE_STB_IMAGE_H
#error "flatnn image.hpp compiles its own static copy of stb_image: do not include stb_image.h in this file"
#endif
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_BMP
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO                    // files are read here, so a size limit can be checked first
#define STBI_MAX_DIMENSIONS (1 << 15)    // refuses absurd headers before stb allocates for them
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // false positives in stb at -O3
#endif
#endif
#include <stb/stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
#undef STB_IMAGE_IMPLEMENTATION

namespace flatnn::tools {

// 8-bit pixels in HWC order, row 0 at the top.
struct image_u8 {
    int height = 0;
    int width = 0;
    int channels = 0;
    std::vector<std::uint8_t> pixels;

    std::uint8_t at(int y, int x, int c) const {
        return pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) *
                          static_cast<std::size_t>(channels) +
                      static_cast<std::size_t>(c)];
    }
};

namespace image_detail {

inline constexpr std::size_t k_max_file_bytes = std::size_t{1} << 30;

inline result<std::vector<std::uint8_t>> read_file(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return status::error("image: cannot open '" + path + "' for reading");
    std::vector<std::uint8_t> bytes;
    std::uint8_t chunk[65536];
    bool too_big = false;
    for (;;) {
        const std::size_t n = std::fread(chunk, 1, sizeof chunk, f);
        bytes.insert(bytes.end(), chunk, chunk + n);
        if (bytes.size() > k_max_file_bytes) {
            too_big = true;
            break;
        }
        if (n < sizeof chunk) break;
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (too_big) return status::error("image: '" + path + "' is larger than 1 GiB");
    if (failed) return status::error("image: read error on '" + path + "'");
    return bytes;
}

// Keeps a float product rounded to float before it is added, so that the compiler cannot fuse the multiply and the
// add into one FMA: TensorFlow Lite's x86 build rounds each product, and the truncation to uint8 shows any difference.
inline float rounded(float v) {
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+m"(v));
#endif
    return v;
}

// TensorFlow Lite's source coordinate for RESIZE_BILINEAR with half_pixel_centers: float math in this order.
inline void source_coordinate(int dst, float scale, int in_size, float& src, int& lo, int& hi) {
    src = rounded((static_cast<float>(dst) + 0.5f) * scale) - 0.5f;
    lo = std::max(static_cast<int>(std::floor(src)), 0);
    hi = std::min(static_cast<int>(std::ceil(src)), in_size - 1);
}

inline status check_image(const image_u8& im, const char* who) {
    if (im.height < 1 || im.width < 1 || im.channels < 1)
        return status::error(std::string(who) + ": image dimensions must be positive, got " +
                             std::to_string(im.height) + "x" + std::to_string(im.width) + "x" +
                             std::to_string(im.channels));
    const std::size_t n = static_cast<std::size_t>(im.height) * static_cast<std::size_t>(im.width) *
                          static_cast<std::size_t>(im.channels);
    if (im.pixels.size() != n)
        return status::error(std::string(who) + ": image has " + std::to_string(im.pixels.size()) +
                             " bytes, its dimensions need " + std::to_string(n));
    return status::ok();
}

}  // namespace image_detail

// Decodes a BMP, PNG or JPEG held in memory into RGB (3 channels; grey and alpha are converted by stb_image).
inline result<image_u8> decode_image(const std::uint8_t* data, std::size_t size) {
    if (data == nullptr || size == 0) return status::error("image: empty input");
    if (size > static_cast<std::size_t>(INT32_MAX)) return status::error("image: input larger than 2 GiB");
    int w = 0, h = 0, n = 0;
    stbi_uc* px = stbi_load_from_memory(data, static_cast<int>(size), &w, &h, &n, 3);
    if (px == nullptr)
        return status::error(std::string("image: cannot decode (BMP, PNG or JPEG expected): ") + stbi_failure_reason());
    image_u8 im;
    im.height = h;
    im.width = w;
    im.channels = 3;
    im.pixels.assign(px, px + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    stbi_image_free(px);
    return im;
}

inline result<image_u8> load_image(const std::string& path) {
    auto bytes = image_detail::read_file(path);
    if (!bytes) return bytes.error();
    auto im = decode_image(bytes->data(), bytes->size());
    if (!im) return status::error(im.error().message() + " (file '" + path + "')");
    return im;
}

// Resizes as the Coral test suites do (libcoral test_utils ResizeImage): the uint8 values become floats, go through
// TensorFlow Lite's float RESIZE_BILINEAR kernel with half_pixel_centers=true and align_corners=false, and the float
// results are truncated (not rounded) to uint8. Same-size input is copied unchanged, as there.
inline result<image_u8> resize_bilinear(const image_u8& in, int out_height, int out_width) {
    using image_detail::rounded;
    FLATNN_TRY(image_detail::check_image(in, "resize_bilinear"));
    if (out_height < 1 || out_width < 1 || out_height > (1 << 15) || out_width > (1 << 15))
        return status::error("resize_bilinear: output size " + std::to_string(out_height) + "x" +
                             std::to_string(out_width) + " is outside 1..32768");
    if (out_height == in.height && out_width == in.width) return in;

    const std::size_t c = static_cast<std::size_t>(in.channels);
    const std::size_t in_row = static_cast<std::size_t>(in.width) * c;
    image_u8 out;
    out.height = out_height;
    out.width = out_width;
    out.channels = in.channels;
    out.pixels.resize(static_cast<std::size_t>(out_height) * static_cast<std::size_t>(out_width) * c);

    const float height_scale = static_cast<float>(in.height) / static_cast<float>(out_height);
    const float width_scale = static_cast<float>(in.width) / static_cast<float>(out_width);
    std::uint8_t* dst = out.pixels.data();
    for (int y = 0; y < out_height; ++y) {
        float src_y;
        int y0, y1;
        image_detail::source_coordinate(y, height_scale, in.height, src_y, y0, y1);
        const float dy = src_y - static_cast<float>(y0);
        for (int x = 0; x < out_width; ++x) {
            float src_x;
            int x0, x1;
            image_detail::source_coordinate(x, width_scale, in.width, src_x, x0, x1);
            const float dx = src_x - static_cast<float>(x0);
            // The four weights and the order of the sums follow TFLite's optimized float kernel, which libcoral used.
            const float w00 = (1 - dy) * (1 - dx);
            const float w01 = (1 - dy) * dx;
            const float w10 = dy * (1 - dx);
            const float w11 = dy * dx;
            const std::uint8_t* row0 = &in.pixels[static_cast<std::size_t>(y0) * in_row];
            const std::uint8_t* row1 = &in.pixels[static_cast<std::size_t>(y1) * in_row];
            const std::uint8_t* p00 = row0 + static_cast<std::size_t>(x0) * c;
            const std::uint8_t* p01 = row0 + static_cast<std::size_t>(x1) * c;
            const std::uint8_t* p10 = row1 + static_cast<std::size_t>(x0) * c;
            const std::uint8_t* p11 = row1 + static_cast<std::size_t>(x1) * c;
            for (std::size_t k = 0; k < c; ++k) {
                float acc = 0.0f;
                acc += rounded(static_cast<float>(p00[k]) * w00);
                acc += rounded(static_cast<float>(p01[k]) * w01);
                acc += rounded(static_cast<float>(p10[k]) * w10);
                acc += rounded(static_cast<float>(p11[k]) * w11);
                *dst++ = static_cast<std::uint8_t>(std::min(std::max(acc, 0.0f), 255.0f));  // truncates
            }
        }
    }
    return out;
}

// libcoral's grey conversion for one-channel models: the integer mean (r + g + b) / 3, rounded down.
inline result<image_u8> to_grayscale(const image_u8& rgb) {
    FLATNN_TRY(image_detail::check_image(rgb, "to_grayscale"));
    if (rgb.channels != 3 && rgb.channels != 4)
        return status::error("to_grayscale: needs 3 or 4 channels, got " + std::to_string(rgb.channels));
    image_u8 g;
    g.height = rgb.height;
    g.width = rgb.width;
    g.channels = 1;
    const std::size_t c = static_cast<std::size_t>(rgb.channels);
    g.pixels.resize(rgb.pixels.size() / c);
    for (std::size_t i = 0; i < g.pixels.size(); ++i) {
        const std::uint8_t* p = &rgb.pixels[i * c];
        g.pixels[i] = static_cast<std::uint8_t>((p[0] + p[1] + p[2]) / 3);
    }
    return g;
}

// The model input the Coral tests build from an image: grey first when the model has one channel, then the resize.
inline result<image_u8> prepare_input(const image_u8& rgb, int height, int width, int channels) {
    if (channels == 1 && rgb.channels != 1) {
        auto g = to_grayscale(rgb);
        if (!g) return g.error();
        return resize_bilinear(*g, height, width);
    }
    if (channels != rgb.channels)
        return status::error("prepare_input: model wants " + std::to_string(channels) + " channels, image has " +
                             std::to_string(rgb.channels));
    return resize_bilinear(rgb, height, width);
}

// libcoral's float input for float models: (v - 127.5) / 127.5, computed in double and stored as float.
inline std::vector<float> to_float_input(const image_u8& im) {
    std::vector<float> out(im.pixels.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<float>((im.pixels[i] - 127.5) / 127.5);
    return out;
}

}  // namespace flatnn::tools
