// Tests for tools/flatnn/image.hpp and tools/flatnn/labels.hpp (the helpers of the classify command).
//
// Expected values come from elsewhere, at authoring time:
// - the small image files below were written by a Python script (the BMPs by hand with struct, the PNGs and the JPEG
//   by tf.io.encode_png / tf.io.encode_jpeg of TensorFlow 2.21) and are embedded as C string literals;
// - resize results come from TensorFlow Lite itself: a one-op model (tf.compat.v1.image.resize_bilinear with
//   half_pixel_centers=True, align_corners=False, converted by tf.lite.TFLiteConverter) run by ai_edge_litert's
//   Interpreter with OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES (the builtin kernel, no XNNPACK, as libcoral's
//   hand-built interpreter), float output truncated by numpy astype(uint8). A separate numpy float32 model of the
//   same arithmetic gave the same bytes;
// - cat.bmp was decoded independently by numpy from its bytes (rows bottom-up, BGR reversed to RGB).
// Hashes are 64-bit FNV-1a over the HWC bytes.
#include "flatnn/image.hpp"
#include "flatnn/labels.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#ifndef FLATNN_SHARED_DIR
// The build normally defines it; otherwise ../shared beside the repository, found from this file's path.
#define FLATNN_SHARED_DIR_FROM_FILE 1
#endif

namespace {

using flatnn::tools::image_u8;

template <std::size_t N>
std::vector<std::uint8_t> bytes_of(const char (&s)[N]) {
    return std::vector<std::uint8_t>(s, s + N - 1);  // N - 1: the literal's own terminating NUL is not file data
}

std::uint64_t fnv1a64(const std::vector<std::uint8_t>& bytes) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::uint8_t b : bytes) h = (h ^ b) * 0x100000001b3ull;
    return h;
}

std::string shared_dir() {
#ifdef FLATNN_SHARED_DIR_FROM_FILE
    const std::string file = __FILE__;
    const std::string tail = "tests/tools/test_image.cpp";
    const std::string repo = file.size() >= tail.size() ? file.substr(0, file.size() - tail.size()) : std::string();
    return repo + "../shared";
#else
    return FLATNN_SHARED_DIR;
#endif
}

bool file_exists(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f != nullptr) std::fclose(f);
    return f != nullptr;
}

image_u8 decode_ok(const std::vector<std::uint8_t>& file) {
    auto im = flatnn::tools::decode_image(file.data(), file.size());
    REQUIRE_MESSAGE(im.is_ok(), im.error().message());
    return std::move(im).value();
}

image_u8 resize_ok(const image_u8& in, int h, int w) {
    auto out = flatnn::tools::resize_bilinear(in, h, w);
    REQUIRE_MESSAGE(out.is_ok(), out.error().message());
    return std::move(out).value();
}

// The 5x7x3 test pattern (y*37 + x*11 + c*101 + y*x*7) mod 256, the same formula as in the authoring script.
image_u8 pattern_5x7() {
    image_u8 im;
    im.height = 5;
    im.width = 7;
    im.channels = 3;
    for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 7; ++x)
            for (int c = 0; c < 3; ++c)
                im.pixels.push_back(static_cast<std::uint8_t>((y * 37 + x * 11 + c * 101 + y * x * 7) % 256));
    return im;
}

// 24-bit BMP, 3 wide x 2 high, rows bottom-up, BGR, each row padded from 9 to 12 bytes
const auto k_bmp_3x2_bottom_up = bytes_of(
    "\102\115\116\000\000\000\000\000\000\000\066\000\000\000\050\000\000\000\003\000\000\000\002\000"
    "\000\000\001\000\030\000\000\000\000\000\030\000\000\000\023\013\000\000\023\013\000\000\000\000"
    "\000\000\000\000\000\000\036\024\012\144\226\310\003\002\001\000\000\000\000\000\377\000\377\000"
    "\377\000\000\000\000\000");

// the same pixels with a negative height (rows top-down)
const auto k_bmp_3x2_top_down = bytes_of(
    "\102\115\116\000\000\000\000\000\000\000\066\000\000\000\050\000\000\000\003\000\000\000\376\377"
    "\377\377\001\000\030\000\000\000\000\000\030\000\000\000\023\013\000\000\023\013\000\000\000\000"
    "\000\000\000\000\000\000\000\000\377\000\377\000\377\000\000\000\000\000\036\024\012\144\226\310"
    "\003\002\001\000\000\000");

// tf.io.encode_png of the same 3x2 RGB pixels
const auto k_png_rgb_3x2 = bytes_of(
    "\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\003\000\000\000\002"
    "\010\002\000\000\000\022\026\361\115\000\000\000\030\111\104\101\124\010\231\143\370\317\300\300"
    "\000\301\134\042\162\047\246\245\060\062\061\003\000\067\353\005\002\036\204\040\322\000\000\000"
    "\000\111\105\116\104\256\102\140\202");

// tf.io.encode_png of grey [[0, 77], [128, 255]]
const auto k_png_grey_2x2 = bytes_of(
    "\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\002\000\000\000\002"
    "\010\000\000\000\000\127\335\122\370\000\000\000\016\111\104\101\124\010\231\143\140\360\145\150"
    "\370\017\000\003\071\001\315\106\041\167\270\000\000\000\000\111\105\116\104\256\102\140\202");

// tf.io.encode_png of RGBA [[9, 8, 7, 0], [250, 251, 252, 128]]
const auto k_png_rgba_2x1 = bytes_of(
    "\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\002\000\000\000\001"
    "\010\006\000\000\000\364\042\177\212\000\000\000\021\111\104\101\124\010\231\143\340\344\140\147"
    "\370\365\373\117\003\000\012\004\003\212\224\255\075\033\000\000\000\000\111\105\116\104\256\102"
    "\140\202");

// tf.io.encode_jpeg(quality=100, chroma_downsampling=False) of 16x16: four flat 8x8 quadrants
const auto k_jpeg_16x16 = bytes_of(
    "\377\330\377\340\000\020\112\106\111\106\000\001\001\001\001\054\001\054\000\000\377\333\000\103"
    "\000\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001"
    "\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001"
    "\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\377\333\000\103\001\001\001"
    "\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001"
    "\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001\001"
    "\001\001\001\001\001\001\001\001\001\001\001\001\001\001\377\300\000\021\010\000\020\000\020\003"
    "\001\021\000\002\021\001\003\021\001\377\304\000\037\000\000\001\005\001\001\001\001\001\001\000"
    "\000\000\000\000\000\000\000\001\002\003\004\005\006\007\010\011\012\013\377\304\000\265\020\000"
    "\002\001\003\003\002\004\003\005\005\004\004\000\000\001\175\001\002\003\000\004\021\005\022\041"
    "\061\101\006\023\121\141\007\042\161\024\062\201\221\241\010\043\102\261\301\025\122\321\360\044"
    "\063\142\162\202\011\012\026\027\030\031\032\045\046\047\050\051\052\064\065\066\067\070\071\072"
    "\103\104\105\106\107\110\111\112\123\124\125\126\127\130\131\132\143\144\145\146\147\150\151\152"
    "\163\164\165\166\167\170\171\172\203\204\205\206\207\210\211\212\222\223\224\225\226\227\230\231"
    "\232\242\243\244\245\246\247\250\251\252\262\263\264\265\266\267\270\271\272\302\303\304\305\306"
    "\307\310\311\312\322\323\324\325\326\327\330\331\332\341\342\343\344\345\346\347\350\351\352\361"
    "\362\363\364\365\366\367\370\371\372\377\304\000\037\001\000\003\001\001\001\001\001\001\001\001"
    "\001\000\000\000\000\000\000\001\002\003\004\005\006\007\010\011\012\013\377\304\000\265\021\000"
    "\002\001\002\004\004\003\004\007\005\004\004\000\001\002\167\000\001\002\003\021\004\005\041\061"
    "\006\022\101\121\007\141\161\023\042\062\201\010\024\102\221\241\261\301\011\043\063\122\360\025"
    "\142\162\321\012\026\044\064\341\045\361\027\030\031\032\046\047\050\051\052\065\066\067\070\071"
    "\072\103\104\105\106\107\110\111\112\123\124\125\126\127\130\131\132\143\144\145\146\147\150\151"
    "\152\163\164\165\166\167\170\171\172\202\203\204\205\206\207\210\211\212\222\223\224\225\226\227"
    "\230\231\232\242\243\244\245\246\247\250\251\252\262\263\264\265\266\267\270\271\272\302\303\304"
    "\305\306\307\310\311\312\322\323\324\325\326\327\330\331\332\342\343\344\345\346\347\350\351\352"
    "\362\363\364\365\366\367\370\371\372\377\332\000\014\003\001\000\002\021\003\021\000\077\000\374"
    "\217\257\343\363\376\250\017\322\012\374\334\377\000\314\274\374\247\257\373\230\077\332\003\366"
    "\242\277\345\274\376\220\077\377\331");

const std::vector<std::uint8_t> k_rgb_3x2 = {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 200, 150, 100, 1, 2, 3};

}  // namespace

TEST_CASE("image: BMP rows come out top first in RGB order, padding skipped") {
    for (const auto* file : {&k_bmp_3x2_bottom_up, &k_bmp_3x2_top_down}) {
        const auto im = decode_ok(*file);
        CHECK(im.height == 2);
        CHECK(im.width == 3);
        CHECK(im.channels == 3);
        CHECK(im.pixels == k_rgb_3x2);
    }
}

TEST_CASE("image: PNG in RGB, grey and RGBA all become RGB") {
    CHECK(decode_ok(k_png_rgb_3x2).pixels == k_rgb_3x2);
    const auto grey = decode_ok(k_png_grey_2x2);
    CHECK(grey.channels == 3);
    CHECK(grey.pixels == std::vector<std::uint8_t>{0, 0, 0, 77, 77, 77, 128, 128, 128, 255, 255, 255});
    const auto rgba = decode_ok(k_png_rgba_2x1);
    CHECK(rgba.height == 1);
    CHECK(rgba.width == 2);
    CHECK(rgba.pixels == std::vector<std::uint8_t>{9, 8, 7, 250, 251, 252});  // alpha dropped, not blended
}

TEST_CASE("image: JPEG decodes to the colours TensorFlow's decoder gives, within 1") {
    const auto im = decode_ok(k_jpeg_16x16);
    REQUIRE(im.height == 16);
    REQUIRE(im.width == 16);
    // tf.io.decode_jpeg gave these flat quadrants; decoders may differ by one in the colour conversion.
    const int expected[4][3] = {{200, 30, 39}, {20, 179, 60}, {50, 60, 220}, {128, 128, 128}};
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 16; ++x)
            for (int c = 0; c < 3; ++c) {
                const int want = expected[(y / 8) * 2 + x / 8][c];
                const int got = im.at(y, x, c);
                if (std::abs(got - want) > 1)
                    FAIL_CHECK("pixel (" << y << ", " << x << ", " << c << ") = " << got << ", want " << want);
            }
}

TEST_CASE("image: undecodable input is an error; truncated files never crash") {
    CHECK_FALSE(flatnn::tools::decode_image(nullptr, 0).is_ok());
    const std::vector<std::uint8_t> garbage = {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'};
    auto r = flatnn::tools::decode_image(garbage.data(), garbage.size());
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.error().message().find("cannot decode") != std::string::npos);
    for (const auto* file : {&k_bmp_3x2_bottom_up, &k_png_rgb_3x2, &k_jpeg_16x16}) {
        for (std::size_t n = 1; n < file->size(); ++n) {
            // Exactly n bytes, so that the sanitizers catch a read past the end. stb may accept a short BMP, filling
            // the missing pixels with zeros, so only the image's consistency is checked.
            const std::vector<std::uint8_t> prefix(file->begin(), file->begin() + static_cast<std::ptrdiff_t>(n));
            auto im = flatnn::tools::decode_image(prefix.data(), prefix.size());
            if (im.is_ok()) CHECK(im->pixels.size() == static_cast<std::size_t>(im->height * im->width * 3));
        }
    }
    auto missing = flatnn::tools::load_image("/nonexistent/flatnn/none.bmp");
    REQUIRE_FALSE(missing.is_ok());
    CHECK(missing.error().message().find("/nonexistent/flatnn/none.bmp") != std::string::npos);
}

TEST_CASE("image: resize_bilinear equals TensorFlow Lite's RESIZE_BILINEAR (half-pixel centers) truncated") {
    const auto in = pattern_5x7();
    SUBCASE("downscale 5x7 -> 3x4") {
        const auto out = resize_ok(in, 3, 4);
        CHECK(out.pixels == std::vector<std::uint8_t>{17,  118, 187, 40,  141, 157, 64,  165, 180, 87,  188, 33,
                                                      83,  184, 29,  127, 228, 73,  170, 47,  116, 214, 59,  160,
                                                      149, 186, 95,  192, 58,  159, 107, 122, 223, 85,  186, 117});
    }
    SUBCASE("upscale the height, downscale the width: 5x7 -> 8x3 (edge rows clamp to the border)") {
        const auto out = resize_ok(in, 8, 3);
        const std::vector<std::uint8_t> expected = {
            7,   108, 209, 33,  134, 235, 58,  159, 4,   25,  126, 152, 58,  159, 148, 91,  192, 37,
            51,  152, 77,  94,  195, 40,  137, 222, 83,  77,  178, 50,  130, 231, 76,  184, 109, 130,
            103, 204, 49,  167, 188, 113, 150, 75,  176, 129, 230, 75,  203, 64,  149, 37,  122, 223,
            155, 160, 101, 95,  84,  185, 67,  168, 125, 174, 104, 120, 9,   110, 211, 99,  200, 45};
        CHECK(out.pixels == expected);
    }
    SUBCASE("upscale 5x7 -> 17x23: TFLite's reference kernel, summing in another order, differs in 8 bytes here") {
        CHECK(fnv1a64(resize_ok(in, 17, 23).pixels) == 0x128d64178acf2e53ull);
    }
    SUBCASE("same size is an exact copy") {
        CHECK(resize_ok(in, 5, 7).pixels == in.pixels);
    }
    SUBCASE("bad sizes are errors") {
        CHECK_FALSE(flatnn::tools::resize_bilinear(in, 0, 4).is_ok());
        CHECK_FALSE(flatnn::tools::resize_bilinear(in, 4, -1).is_ok());
        image_u8 broken = in;
        broken.pixels.assign(in.pixels.begin(), in.pixels.end() - 1);  // one byte short
        CHECK_FALSE(flatnn::tools::resize_bilinear(broken, 3, 3).is_ok());
    }
}

TEST_CASE("image: grey conversion and float input follow libcoral") {
    image_u8 rgb;
    rgb.height = 1;
    rgb.width = 2;
    rgb.channels = 3;
    rgb.pixels = {10, 20, 31, 255, 255, 254};
    auto g = flatnn::tools::to_grayscale(rgb);
    REQUIRE(g.is_ok());
    CHECK(g->pixels == std::vector<std::uint8_t>{20, 254});  // 61 / 3 = 20, 764 / 3 = 254: integer division
    auto p = flatnn::tools::prepare_input(rgb, 1, 2, 1);
    REQUIRE(p.is_ok());
    CHECK(p->channels == 1);
    CHECK_FALSE(flatnn::tools::prepare_input(rgb, 1, 2, 4).is_ok());
    const auto f = flatnn::tools::to_float_input(*g);
    CHECK(f[0] == static_cast<float>((20 - 127.5) / 127.5));
    CHECK(f[1] == static_cast<float>((254 - 127.5) / 127.5));
}

TEST_CASE("image: cat.bmp from the Coral test data, decoded and resized as the Coral suites do") {
    const std::string path = shared_dir() + "/models/coral-test-data/cat.bmp";
    if (!file_exists(path)) {
        MESSAGE("skipped: ../shared absent (" << path << " not found)");
        return;
    }
    auto loaded = flatnn::tools::load_image(path);
    REQUIRE_MESSAGE(loaded.is_ok(), loaded.error().message());
    const auto& cat = *loaded;
    REQUIRE(cat.height == 341);
    REQUIRE(cat.width == 512);
    REQUIRE(cat.channels == 3);
    // numpy, from the BMP bytes: pixel (0, 0) is [223, 124, 82], (340, 511) is [159, 101, 63], (100, 200) is
    // [234, 194, 139]; the hash covers all of them.
    CHECK(cat.at(0, 0, 0) == 223);
    CHECK(cat.at(0, 0, 1) == 124);
    CHECK(cat.at(0, 0, 2) == 82);
    CHECK(cat.at(340, 511, 0) == 159);
    CHECK(cat.at(340, 511, 2) == 63);
    CHECK(cat.at(100, 200, 1) == 194);
    CHECK(fnv1a64(cat.pixels) == 0xd2c88116f02299d1ull);

    struct sized {
        int h, w;
        std::uint64_t hash;
    };
    // TFLite's builtin float kernel; its reference kernel and XNNPACK differ from it in 161 to 3204 bytes at
    // these sizes (all but 128x128), so these hashes pin down the exact arithmetic.
    const sized cases[] = {{128, 128, 0xbb39ab1d46e94adbull}, {160, 160, 0xb0f61bdaaa140975ull},
                           {192, 192, 0xe7f18ec0cd240d3eull}, {224, 224, 0x42296df58a8f69d3ull},
                           {513, 513, 0x2c3236d7e8609274ull}, {353, 481, 0x5a2e21900f7e0f2eull}};
    for (const auto& s : cases) {
        auto in = flatnn::tools::prepare_input(cat, s.h, s.w, 3);
        REQUIRE(in.is_ok());
        CHECK_MESSAGE(fnv1a64(in->pixels) == s.hash, "resize to " << s.h << "x" << s.w);
    }
}

TEST_CASE("labels: plain files number lines from 0, blank lines included") {
    auto l = flatnn::tools::parse_labels("person\nbicycle\r\n\n  n/a \ncat");
    REQUIRE(l.is_ok());
    CHECK(l->size() == 5);
    CHECK(l->name(0) == "person");
    CHECK(l->name(1) == "bicycle");
    CHECK(l->name(2).empty());
    CHECK(l->name(3) == "n/a");
    CHECK(l->name(4) == "cat");
    CHECK(l->name(5).empty());
    CHECK(l->name(-1).empty());
}

TEST_CASE("labels: indexed files use their own indices") {
    auto l = flatnn::tools::parse_labels("\xEF\xBB\xBF" "0  background\n3: tiger cat\n\n17 Egyptian cat, cat\n");
    REQUIRE(l.is_ok());
    CHECK(l->size() == 3);
    CHECK(l->name(0) == "background");
    CHECK(l->name(3) == "tiger cat");
    CHECK(l->name(17) == "Egyptian cat, cat");
    CHECK(l->name(1).empty());
    CHECK(flatnn::tools::label_lookup(*l, 5) ==
          std::vector<std::string>{"background", "", "", "tiger cat", ""});  // 17 is beyond the 5 asked for
}

TEST_CASE("labels: one line not of the indexed form makes the whole file plain") {
    auto l = flatnn::tools::parse_labels("7 up\ncola\n");
    REQUIRE(l.is_ok());
    CHECK(l->name(0) == "7 up");
    CHECK(l->name(1) == "cola");
}

TEST_CASE("labels: errors") {
    auto dup = flatnn::tools::parse_labels("1 a\n1 b\n");
    REQUIRE_FALSE(dup.is_ok());
    CHECK(dup.error().message().find("line 2 repeats index 1") != std::string::npos);
    auto missing = flatnn::tools::load_labels("/nonexistent/flatnn/labels.txt");
    REQUIRE_FALSE(missing.is_ok());
    CHECK(missing.error().message().find("/nonexistent/flatnn/labels.txt") != std::string::npos);
}

TEST_CASE("labels: the Coral test data label files") {
    const std::string dir = shared_dir() + "/models/coral-test-data/";
    if (!file_exists(dir + "imagenet_labels.txt")) {
        MESSAGE("skipped: ../shared absent (" << dir << " not found)");
        return;
    }
    // Expected entries read off the files with sed -n 'Np' (line N holds index N - 1).
    auto imagenet = flatnn::tools::load_labels(dir + "imagenet_labels.txt");
    REQUIRE(imagenet.is_ok());
    CHECK(imagenet->size() == 1001);
    CHECK(imagenet->name(0) == "background");
    CHECK(imagenet->name(283) == "tiger cat");
    CHECK(imagenet->name(286) == "Egyptian cat");
    auto coco = flatnn::tools::load_labels(dir + "coco_labels.txt");
    REQUIRE(coco.is_ok());
    CHECK(coco->size() == 90);
    CHECK(coco->name(0) == "person");
    CHECK(coco->name(16) == "cat");
    CHECK(coco->name(89) == "toothbrush");
    auto voc = flatnn::tools::load_labels(dir + "pascal_voc_segmentation_labels.txt");
    REQUIRE(voc.is_ok());
    CHECK(voc->name(0) == "background");
    CHECK(voc->name(20) == "tvmonitor");
}
