// Tests for flatnn/io/npy.hpp.
//
// The embedded files were written by numpy 2.4.6 at authoring time, with np.save(f, arr) (format 1.0) or
// np.lib.format.write_array(f, arr, version=(2, 0) or (3, 0)), and printed as C string literals (octal escapes for
// the binary parts); the comment above each gives the call. The expected values in the tests are what np.load read
// back from those same bytes, never what our reader says.
#include "flatnn/io/npy.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using flatnn::npy::dtype;

template <std::size_t N>
std::vector<std::uint8_t> bytes_of(const char (&s)[N]) {
    return std::vector<std::uint8_t>(s, s + N - 1);  // N - 1: the literal's own terminating NUL is not file data
}

// np.save(f, np.array([[1.5, -2.0, 0.25], [3.4028235e38, -0.0, 1e-45]], dtype='<f4'))
const auto k_f32_2x3_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
    "                                                          \n"
    "\000\000\300\077\000\000\000\300\000\000\200\076\377\377\177\177\000\000\000\200\001\000\000\000");

// np.lib.format.write_array(f, np.array([-1, 2**40, -2**63], dtype='<i8'), version=(2, 0))
const auto k_i64_3_v2 = bytes_of(
    "\223\116\125\115\120\131\002\000\164\000\000\000"
    "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }"
    "                                                          \n"
    "\377\377\377\377\377\377\377\377\000\000\000\000\000\001\000\000\000\000\000\000\000\000\000\200");

// np.lib.format.write_array(f, np.array([[[0], [255]], [[7], [128]]], dtype='|u1'), version=(3, 0))
const auto k_u8_2x2x1_v3 = bytes_of(
    "\223\116\125\115\120\131\003\000\164\000\000\000"
    "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2, 1), }"
    "                                                     \n"
    "\000\377\007\200");

// np.save(f, np.array([1.0, -65504.0], dtype='<f2'))
const auto k_f16_2_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }"
    "                                                            \n"
    "\000\074\377\373");

// np.save(f, np.array([True, False, False, True]))
const auto k_b1_4_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }"
    "                                                            \n"
    "\001\000\000\001");

// np.save(f, np.array(3.141592653589793, dtype='<f8'))
const auto k_f64_scalar_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<f8', 'fortran_order': False, 'shape': (), }"
    "                                                              \n"
    "\030\055\104\124\373\041\011\100");

// np.save(f, np.zeros((0, 3), dtype='<i4'))
const auto k_i32_0x3_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<i4', 'fortran_order': False, 'shape': (0, 3), }"
    "                                                          \n");

// np.save(f, np.array([-32768, 32767, -1], dtype='<i2'))
const auto k_i16_3_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }"
    "                                                            \n"
    "\000\200\377\177\377\377");

// np.save(f, np.array([0, 65535, 4660], dtype='<u2'))
const auto k_u16_3_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<u2', 'fortran_order': False, 'shape': (3,), }"
    "                                                            \n"
    "\000\000\377\377\064\022");

// np.save(f, np.array([-128, 127, -5], dtype='|i1'))
const auto k_i8_3_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '|i1', 'fortran_order': False, 'shape': (3,), }"
    "                                                            \n"
    "\200\177\373");

// np.save(f, np.array([-2147483648, 2147483647, 123456], dtype='<i4'))
const auto k_i32_3_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }"
    "                                                            \n"
    "\000\000\000\200\377\377\377\177\100\342\001\000");

// np.save(f, np.array([4294967295, 0, 1], dtype='<u4'))
const auto k_u32_3_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<u4', 'fortran_order': False, 'shape': (3,), }"
    "                                                            \n"
    "\377\377\377\377\000\000\000\000\001\000\000\000");

// np.save(f, np.array([18446744073709551615, 0, 5], dtype='<u8'))
const auto k_u64_3_v1 = bytes_of(
    "\223\116\125\115\120\131\001\000\166\000"
    "{'descr': '<u8', 'fortran_order': False, 'shape': (3,), }"
    "                                                            \n"
    "\377\377\377\377\377\377\377\377\000\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000");

const std::vector<std::uint8_t>* const k_numpy_files[] = {
    &k_f32_2x3_v1, &k_i64_3_v2, &k_u8_2x2x1_v3, &k_f16_2_v1, &k_b1_4_v1,  &k_f64_scalar_v1, &k_i32_0x3_v1,
    &k_i16_3_v1,   &k_u16_3_v1, &k_i8_3_v1,     &k_i32_3_v1, &k_u32_3_v1, &k_u64_3_v1,
};

flatnn::npy::array read_ok(const std::vector<std::uint8_t>& file) {
    auto a = flatnn::npy::read(file.data(), file.size());
    REQUIRE_MESSAGE(a.is_ok(), a.error().message());
    return std::move(a).value();
}

template <class T>
std::vector<T> values_ok(const flatnn::npy::array& a) {
    auto v = a.values<T>();
    REQUIRE_MESSAGE(v.is_ok(), v.error().message());
    return std::move(v).value();
}

std::uint32_t bits_of(float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

// A file with the given version and header text, the length field filled in, then the data bytes.
std::vector<std::uint8_t> make_file(int major, const std::string& header, const std::vector<std::uint8_t>& data = {}) {
    std::vector<std::uint8_t> f = {0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<std::uint8_t>(major), 0};
    const int len_bytes = major == 1 ? 2 : 4;
    for (int i = 0; i < len_bytes; ++i) f.push_back(static_cast<std::uint8_t>(header.size() >> (8 * i)));
    f.insert(f.end(), header.begin(), header.end());
    f.insert(f.end(), data.begin(), data.end());
    return f;
}

std::string header_for(const std::string& descr, const std::string& shape, const std::string& order = "False") {
    return "{'descr': '" + descr + "', 'fortran_order': " + order + ", 'shape': " + shape + ", }\n";
}

// The error message of a parse that must fail.
std::string error_of(const std::vector<std::uint8_t>& file) {
    auto r = flatnn::npy::read(file.data(), file.size());
    REQUIRE_FALSE(r.is_ok());
    return r.error().message();
}

}  // namespace

TEST_CASE("npy: reads files numpy wrote, every supported dtype and all three format versions") {
    SUBCASE("float32 (2, 3), version 1.0, with -0.0 and the smallest denormal") {
        const auto a = read_ok(k_f32_2x3_v1);
        CHECK(a.type == dtype::f32);
        CHECK(a.shape == std::vector<std::int64_t>{2, 3});
        const auto v = values_ok<float>(a);
        REQUIRE(v.size() == 6);
        CHECK(v[0] == 0x1.8p+0f);
        CHECK(v[1] == -0x1p+1f);
        CHECK(v[2] == 0x1p-2f);
        CHECK(v[3] == 0x1.fffffep+127f);
        CHECK(bits_of(v[4]) == 0x80000000u);  // -0.0
        CHECK(v[5] == 0x1p-149f);
    }
    SUBCASE("int64 (3,), version 2.0") {
        const auto a = read_ok(k_i64_3_v2);
        CHECK(a.type == dtype::i64);
        CHECK(a.shape == std::vector<std::int64_t>{3});
        CHECK(values_ok<std::int64_t>(a) ==
              std::vector<std::int64_t>{-1, 1099511627776, std::numeric_limits<std::int64_t>::min()});
    }
    SUBCASE("uint8 (2, 2, 1), version 3.0") {
        const auto a = read_ok(k_u8_2x2x1_v3);
        CHECK(a.type == dtype::u8);
        CHECK(a.shape == std::vector<std::int64_t>{2, 2, 1});
        CHECK(values_ok<std::uint8_t>(a) == std::vector<std::uint8_t>{0, 255, 7, 128});
    }
    SUBCASE("float16 (2,): raw bits") {
        const auto a = read_ok(k_f16_2_v1);
        CHECK(a.type == dtype::f16);
        CHECK(a.shape == std::vector<std::int64_t>{2});
        REQUIRE(a.bytes.size() == 4);
        CHECK((a.bytes[0] | a.bytes[1] << 8) == 0x3c00);  // 1.0
        CHECK((a.bytes[2] | a.bytes[3] << 8) == 0xfbff);  // -65504.0
    }
    SUBCASE("bool (4,)") {
        const auto a = read_ok(k_b1_4_v1);
        CHECK(a.type == dtype::boolean);
        CHECK(values_ok<bool>(a) == std::vector<bool>{true, false, false, true});
    }
    SUBCASE("float64 scalar, shape ()") {
        const auto a = read_ok(k_f64_scalar_v1);
        CHECK(a.type == dtype::f64);
        CHECK(a.shape.empty());
        CHECK(a.element_count() == 1);
        CHECK(values_ok<double>(a) == std::vector<double>{3.141592653589793});
    }
    SUBCASE("int32 (0, 3): no elements") {
        const auto a = read_ok(k_i32_0x3_v1);
        CHECK(a.type == dtype::i32);
        CHECK(a.shape == std::vector<std::int64_t>{0, 3});
        CHECK(a.bytes.empty());
    }
    SUBCASE("the small integer types") {
        CHECK(values_ok<std::int16_t>(read_ok(k_i16_3_v1)) == std::vector<std::int16_t>{-32768, 32767, -1});
        CHECK(values_ok<std::uint16_t>(read_ok(k_u16_3_v1)) == std::vector<std::uint16_t>{0, 65535, 4660});
        CHECK(values_ok<std::int8_t>(read_ok(k_i8_3_v1)) == std::vector<std::int8_t>{-128, 127, -5});
        CHECK(values_ok<std::int32_t>(read_ok(k_i32_3_v1)) ==
              std::vector<std::int32_t>{-2147483647 - 1, 2147483647, 123456});
        CHECK(values_ok<std::uint32_t>(read_ok(k_u32_3_v1)) == std::vector<std::uint32_t>{4294967295u, 0, 1});
        CHECK(values_ok<std::uint64_t>(read_ok(k_u64_3_v1)) ==
              std::vector<std::uint64_t>{18446744073709551615ull, 0, 5});
    }
}

TEST_CASE("npy: view borrows the data in place; header reports where it lies") {
    auto h = flatnn::npy::parse_header(k_f32_2x3_v1.data(), k_f32_2x3_v1.size());
    REQUIRE(h.is_ok());
    CHECK(h->major_version == 1);
    CHECK(h->data_offset == 128);  // numpy aligns the data to 64 bytes
    CHECK(h->data_size == 24);
    CHECK(h->element_count == 6);
    auto v = flatnn::npy::view(k_f32_2x3_v1.data(), k_f32_2x3_v1.size());
    REQUIRE(v.is_ok());
    CHECK(v->data == k_f32_2x3_v1.data() + 128);
    CHECK(v->size_bytes == 24);
}

TEST_CASE("npy: values<T> refuses a T that is not the stored dtype") {
    const auto a = read_ok(k_f32_2x3_v1);
    auto v = a.values<double>();
    REQUIRE_FALSE(v.is_ok());
    CHECK(v.error().message().find("<f8") != std::string::npos);
    CHECK(v.error().message().find("<f4") != std::string::npos);
}

TEST_CASE("npy: the writer produces numpy's np.save bytes exactly") {
    using flatnn::npy::make_array;
    auto same = [](const flatnn::npy::array& a, const std::vector<std::uint8_t>& numpy_file) {
        auto bytes = flatnn::npy::encode(a);
        REQUIRE(bytes.is_ok());
        CHECK(*bytes == numpy_file);
    };
    same(make_array<float>({2, 3}, {0x1.8p+0f, -2.0f, 0.25f, 0x1.fffffep+127f, -0.0f, 0x1p-149f}), k_f32_2x3_v1);
    same(make_array<bool>({4}, {true, false, false, true}), k_b1_4_v1);
    same(make_array<double>({}, {3.141592653589793}), k_f64_scalar_v1);
    same(make_array<std::int32_t>({0, 3}, {}), k_i32_0x3_v1);
    same(make_array<std::int16_t>({3}, {-32768, 32767, -1}), k_i16_3_v1);
    same(make_array<std::uint16_t>({3}, {0, 65535, 4660}), k_u16_3_v1);
    same(make_array<std::int8_t>({3}, {-128, 127, -5}), k_i8_3_v1);
    same(make_array<std::int32_t>({3}, {-2147483647 - 1, 2147483647, 123456}), k_i32_3_v1);
    same(make_array<std::uint32_t>({3}, {4294967295u, 0, 1}), k_u32_3_v1);
    same(make_array<std::uint64_t>({3}, {18446744073709551615ull, 0, 5}), k_u64_3_v1);
    const std::uint16_t halves[] = {0x3c00, 0xfbff};
    auto f16 = flatnn::npy::encode(dtype::f16, {2}, halves, sizeof halves);
    REQUIRE(f16.is_ok());
    CHECK(*f16 == k_f16_2_v1);
}

TEST_CASE("npy: round trip through encode and read, and through a file") {
    std::vector<float> values(24);
    for (int i = 0; i < 24; ++i) values[static_cast<std::size_t>(i)] = static_cast<float>(i) * 0.5f - 3.0f;
    const auto a = flatnn::npy::make_array<float>({2, 3, 1, 4}, values);
    auto bytes = flatnn::npy::encode(a);
    REQUIRE(bytes.is_ok());
    CHECK(bytes->size() == 128 + 96);  // the header padded to 64-byte alignment, then 24 floats
    const auto back = read_ok(*bytes);
    CHECK(back.shape == a.shape);
    CHECK(values_ok<float>(back) == values);

    const auto path = (std::filesystem::temp_directory_path() / "flatnn_test_npy_round_trip.npy").string();
    REQUIRE(flatnn::npy::save(path, a).is_ok());
    auto loaded = flatnn::npy::load(path);
    std::remove(path.c_str());
    REQUIRE(loaded.is_ok());
    CHECK(loaded->shape == a.shape);
    CHECK(values_ok<float>(*loaded) == values);
}

TEST_CASE("npy: load of a missing file names the path") {
    auto r = flatnn::npy::load("/nonexistent/flatnn/none.npy");
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.error().message().find("/nonexistent/flatnn/none.npy") != std::string::npos);
}

TEST_CASE("npy: encode refuses inconsistent input") {
    const float one = 1;
    auto r = flatnn::npy::encode(dtype::f32, {2}, &one, sizeof one);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.error().message().find("4 bytes") != std::string::npos);
    auto neg = flatnn::npy::encode(dtype::f32, {-1}, nullptr, 0);
    REQUIRE_FALSE(neg.is_ok());
    CHECK(neg.error().message().find("negative") != std::string::npos);
}

TEST_CASE("npy: accepted variations of the header") {
    const std::vector<std::uint8_t> four = {1, 2, 3, 4};
    SUBCASE("keys in another order, double quotes, no trailing comma, no newline") {
        auto a = read_ok(make_file(1, "{\"shape\": (2, 2), \"fortran_order\": False, \"descr\": \"|u1\"}", four));
        CHECK(a.shape == std::vector<std::int64_t>{2, 2});
        CHECK(values_ok<std::uint8_t>(a) == four);
    }
    SUBCASE("Python 2 long suffix written by old numpy") {
        auto a = read_ok(make_file(1, header_for("|u1", "(2L, 2L)"), four));
        CHECK(a.shape == std::vector<std::int64_t>{2, 2});
    }
    SUBCASE("'<' byte order on a one-byte dtype") {
        CHECK(read_ok(make_file(1, header_for("<u1", "(4,)"), four)).type == dtype::u8);
    }
    SUBCASE("trailing bytes after the data, as np.load tolerates") {
        auto a = read_ok(make_file(1, header_for("|u1", "(3,)"), four));
        CHECK(values_ok<std::uint8_t>(a) == std::vector<std::uint8_t>{1, 2, 3});
    }
}

TEST_CASE("npy: hostile input gives an error naming what is wrong") {
    const std::vector<std::uint8_t> data16(16, 0);
    auto has = [](const std::vector<std::uint8_t>& file, const char* what) {
        const std::string msg = error_of(file);
        INFO(msg);
        CHECK(msg.find(what) != std::string::npos);
    };
    has({}, "bad magic");
    has({'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 0, 0}, "bad magic");
    has({0x93, 'N', 'U', 'M', 'P', 'Y', 1}, "format version");
    has({0x93, 'N', 'U', 'M', 'P', 'Y', 4, 0, 0, 0}, "unsupported format version 4.0");
    has({0x93, 'N', 'U', 'M', 'P', 'Y', 1, 1, 0, 0}, "unsupported format version 1.1");
    has({0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0}, "header length field");
    {
        auto f = make_file(1, header_for("<f4", "(4,)"), data16);
        f[8] = 0xff;  // header length 0xff.. beyond the file
        f[9] = 0xff;
        has(f, "header length 65535 runs past the end");
        auto g = make_file(2, header_for("<f4", "(4,)"), data16);
        g[11] = 0xff;  // 4-byte length near 4 GiB
        has(g, "runs past the end");
    }
    has(make_file(1, "hello", data16), "must start with '{'");
    has(make_file(1, "{'fortran_order': False, 'shape': (4,), }\n", data16), "lacks the key 'descr'");
    has(make_file(1, "{'descr': '<f4', 'shape': (4,), }\n", data16), "lacks the key 'fortran_order'");
    has(make_file(1, "{'descr': '<f4', 'fortran_order': False, }\n", data16), "lacks the key 'shape'");
    has(make_file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'x': 1}\n", data16),
        "unexpected key 'x'");
    has(make_file(1, "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (4,)}\n", data16),
        "'descr' appears twice");
    has(make_file(1, "{'descr': '<f4' 'fortran_order': False, 'shape': (4,)}\n", data16), "expected ',' or '}'");
    has(make_file(1, "{'descr: '<f4', 'fortran_order': False, 'shape': (4,)}\n", data16), "expected ':'");
    has(make_file(1, "{'descr': '<f4", data16), "unterminated string");
    has(make_file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }\n junk", data16), "after the header");
    has(make_file(1, "{'descr': '<\\f4', 'fortran_order': False, 'shape': (4,)}\n", data16), "escape");
    has(make_file(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,)}\n", data16),
        "structured dtypes");
    has(make_file(1, header_for(">f4", "(4,)"), data16), "big-endian");
    has(make_file(1, header_for("=f4", "(4,)"), data16), "byte order '='");
    has(make_file(1, header_for("|f4", "(4,)"), data16), "byte order '|'");
    has(make_file(1, header_for("<c8", "(2,)"), data16), "not a supported dtype");
    has(make_file(1, header_for("|O", "(2,)"), data16), "not a supported dtype");
    has(make_file(1, header_for("<f4", "(4,)", "True"), data16), "fortran_order is True");
    has(make_file(1, header_for("<f4", "(4,)", "None"), data16), "must be True or False");
    has(make_file(1, header_for("<f4", "(-1,)"), data16), "negative dimension");
    has(make_file(1, header_for("<f4", "(4)"), data16), "1-tuple");
    has(make_file(1, header_for("<f4", "[4]"), data16), "must be a tuple");
    has(make_file(1, header_for("<f4", "(4; 2)"), data16), "expected ',' or ')'");
    has(make_file(1, header_for("<f4", "(x,)"), data16), "non-negative integer");
    has(make_file(1, header_for("<f4", "(99999999999999999999,)"), data16), "does not fit in int64");
    has(make_file(1, header_for("|u1", "(4294967296, 4294967296)"), data16), "element count overflows");
    has(make_file(1, header_for("<f8", "(4611686018427387904,)"), data16), "data size");
    has(make_file(1, header_for("<f4", "(5,)"), data16), "needs 20 bytes but 16 remain");
    {
        std::string shape = "(";
        for (int i = 0; i < 65; ++i) shape += "1, ";
        has(make_file(1, header_for("<f4", shape + ")"), data16), "more than 64 dimensions");
    }
}

TEST_CASE("npy: the error gives the byte offset of the fault") {
    // 10 bytes of prefix, then "{'descr': '" is 11 characters: the descr string's opening quote is at byte 20.
    const std::string msg = error_of(make_file(1, header_for(">f4", "(1,)"), std::vector<std::uint8_t>(4)));
    CHECK(msg.find("at byte 20") != std::string::npos);
}

TEST_CASE("npy: every truncation of a valid file is an error, never a crash") {
    for (const auto* file : k_numpy_files) {
        for (std::size_t n = 0; n < file->size(); ++n) {
            // A copy of exactly n bytes, so that the sanitizers see any read past its end.
            const std::vector<std::uint8_t> prefix(file->begin(), file->begin() + static_cast<std::ptrdiff_t>(n));
            auto r = flatnn::npy::read(prefix.data(), prefix.size());
            if (r.is_ok()) FAIL_CHECK("a truncation to " << n << " of " << file->size() << " bytes was accepted");
        }
        CHECK(flatnn::npy::read(file->data(), file->size()).is_ok());
    }
}

TEST_CASE("npy: every single-byte corruption either parses within the buffer or fails cleanly") {
    const std::uint8_t replacements[] = {0x00, 0xff, '(', ')', ',', '\'', '-', '9', '}', ' ', 'L', 0x80};
    for (const auto* file : {&k_f32_2x3_v1, &k_i64_3_v2, &k_u8_2x2x1_v3}) {
        for (std::size_t i = 0; i < file->size(); ++i) {
            for (const std::uint8_t b : replacements) {
                std::vector<std::uint8_t> f = *file;
                f[i] = b;
                auto v = flatnn::npy::view(f.data(), f.size());
                if (v.is_ok()) {
                    CHECK(v->data >= f.data());
                    CHECK(v->data + v->size_bytes <= f.data() + f.size());
                } else {
                    CHECK(v.error().message().rfind("npy: ", 0) == 0);
                }
            }
        }
    }
}
