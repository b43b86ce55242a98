// The FlexBuffers reader against buffers written by flatbuffers' own Builder (test-only dependency), and against
// truncated, corrupted and hand-crafted hostile buffers. Run this file under -fsanitize=address,undefined.
#include <doctest/doctest.h>
#include <flatbuffers/flexbuffers.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "flatnn/model/flexbuffers.hpp"

namespace fx = flatnn::flexbuffers;

namespace {

std::vector<uint8_t> build_sample_map() {
    ::flexbuffers::Builder b;
    const int32_t ints[] = {3, -7, 100000};
    const float xy[] = {1.5f, -2.25f};
    const uint8_t raw[] = {0, 1, 2, 255};
    b.Map([&] {
        b.Int("small", 7);
        b.Int("negative", -300);
        b.Int("big", int64_t{1} << 40);
        b.UInt("unsigned", 4000000000u);
        b.Float("ratio", 0.6f);
        b.Double("precise", 1.0 / 3.0);
        b.Bool("yes", true);
        b.Bool("no", false);
        b.String("name", "posenet");
        b.Blob("bytes", raw, sizeof raw);
        b.IndirectFloat("ifloat", 2.5f);
        b.IndirectInt("iint", -42);
        b.Vector("ints", ints, 3);
        b.FixedTypedVector("xy", xy, 2);
        b.Vector("mixed", [&] {
            b.Int(1);
            b.String("two");
            b.Double(3.5);
            b.Bool(true);
        });
        b.Map("nested", [&] { b.Int("depth", 2); });
    });
    b.Finish();
    return b.GetBuffer();
}

fx::flex_map root_map(const std::vector<uint8_t>& buf) {
    auto root = fx::flex_root(buf.data(), buf.size());
    REQUIRE(root.is_ok());
    REQUIRE(root->type() == fx::flex_type::map);
    auto m = root->as_map();
    REQUIRE(m.is_ok());
    return *m;
}

fx::flex_value get(const fx::flex_map& m, const char* key) {
    auto v = m.find(key);
    REQUIRE(v.is_ok());
    return *v;
}

// Reads everything a custom-op parser might read; any outcome but a crash is acceptable.
void exercise(const uint8_t* data, size_t size) {
    (void)fx::flex_verify(data, size);
    auto root = fx::flex_root(data, size);
    if (!root) return;
    (void)root->as_int64();
    (void)root->as_double();
    (void)root->as_string();
    auto m = root->as_map();
    if (!m) return;
    for (const char* key : {"small", "ratio", "name", "ints", "mixed", "nested", "zzz"}) {
        auto v = m->find(key);
        if (!v) continue;
        (void)v->as_int64();
        (void)v->as_bool();
        (void)v->as_float();
        (void)v->as_string();
        (void)v->as_blob();
        auto vec = v->as_vector();
        if (vec)
            for (size_t i = 0; i < vec->size() && i < 8; ++i) {
                auto e = vec->at(i);
                if (e) (void)e->as_double();
            }
    }
}

}  // namespace

TEST_CASE("flexbuffers: scalars, strings and blobs of a Builder-written map") {
    const auto buf = build_sample_map();
    CHECK(fx::flex_verify(buf.data(), buf.size()).is_ok());
    const auto m = root_map(buf);
    CHECK(m.size() == 16);

    CHECK(get(m, "small").type() == fx::flex_type::int_);
    CHECK(*get(m, "small").as_int64() == 7);
    CHECK(*get(m, "small").as_int32() == 7);
    CHECK(*get(m, "negative").as_int64() == -300);
    CHECK(*get(m, "big").as_int64() == (int64_t{1} << 40));
    CHECK_FALSE(get(m, "big").as_int32().is_ok());  // out of int32 range: an error, not a truncation
    CHECK(get(m, "unsigned").type() == fx::flex_type::uint);
    CHECK(*get(m, "unsigned").as_uint64() == 4000000000u);
    CHECK(*get(m, "ratio").as_float() == 0.6f);
    CHECK(*get(m, "precise").as_double() == 1.0 / 3.0);
    CHECK(*get(m, "yes").as_bool() == true);
    CHECK(*get(m, "no").as_bool() == false);
    CHECK(*get(m, "name").as_string() == "posenet");
    CHECK(get(m, "ifloat").type() == fx::flex_type::indirect_float);
    CHECK(*get(m, "ifloat").as_double() == 2.5);
    CHECK(*get(m, "iint").as_int64() == -42);

    auto blob = get(m, "bytes").as_blob();
    REQUIRE(blob.is_ok());
    REQUIRE(blob->size == 4);
    CHECK(blob->data[0] == 0);
    CHECK(blob->data[3] == 255);
}

TEST_CASE("flexbuffers: conversions follow TFLite's readers; missing keys read as null") {
    const auto buf = build_sample_map();
    const auto m = root_map(buf);
    CHECK(*get(m, "ratio").as_int64() == 0);        // float truncates toward zero
    CHECK(*get(m, "ifloat").as_int32() == 2);
    CHECK(*get(m, "small").as_double() == 7.0);
    CHECK(*get(m, "yes").as_int64() == 1);
    CHECK(*get(m, "small").as_bool() == true);
    CHECK(*get(m, "ratio").as_bool() == true);

    const auto missing = get(m, "does_not_exist");
    CHECK(missing.is_null());
    CHECK(*missing.as_int64() == 0);
    CHECK(*missing.as_float() == 0.0f);
    CHECK(*missing.as_bool() == false);

    // Non-numeric values are refused rather than parsed or measured.
    auto s = get(m, "name").as_int64();
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.error().message().find("string") != std::string::npos);
    CHECK_FALSE(get(m, "ints").as_double().is_ok());
    CHECK_FALSE(get(m, "small").as_map().is_ok());
    CHECK_FALSE(get(m, "small").as_string().is_ok());
}

TEST_CASE("flexbuffers: typed, fixed and untyped vectors; nested map; keys in order") {
    const auto buf = build_sample_map();
    const auto m = root_map(buf);

    auto ints = get(m, "ints").as_vector();
    REQUIRE(ints.is_ok());
    CHECK(get(m, "ints").type() == fx::flex_type::vector_int);
    CHECK(ints->element_type() == fx::flex_type::int_);
    REQUIRE(ints->size() == 3);
    CHECK(*ints->at(0)->as_int64() == 3);
    CHECK(*ints->at(1)->as_int64() == -7);
    CHECK(*ints->at(2)->as_int64() == 100000);
    auto past = ints->at(3);
    REQUIRE_FALSE(past.is_ok());
    CHECK(past.error().message().find("index 3") != std::string::npos);

    auto xy = get(m, "xy").as_vector();
    REQUIRE(xy.is_ok());
    CHECK(get(m, "xy").type() == fx::flex_type::vector_float2);
    REQUIRE(xy->size() == 2);
    CHECK(*xy->at(0)->as_double() == 1.5);
    CHECK(*xy->at(1)->as_double() == -2.25);

    auto mixed = get(m, "mixed").as_vector();
    REQUIRE(mixed.is_ok());
    REQUIRE(mixed->size() == 4);
    CHECK(*mixed->at(0)->as_int64() == 1);
    CHECK(*mixed->at(1)->as_string() == "two");
    CHECK(*mixed->at(2)->as_double() == 3.5);
    CHECK(*mixed->at(3)->as_bool() == true);

    auto nested = get(m, "nested").as_map();
    REQUIRE(nested.is_ok());
    CHECK(*get(*nested, "depth").as_int64() == 2);

    // Keys come back sorted in byte order, each paired with its own value.
    std::string previous;
    for (size_t i = 0; i < m.size(); ++i) {
        auto k = m.key_at(i);
        REQUIRE(k.is_ok());
        CHECK(std::string(*k) > previous);
        previous = std::string(*k);
    }
    CHECK(*m.key_at(0) == "big");
    CHECK(*m.value_at(0)->as_int64() == (int64_t{1} << 40));
}

TEST_CASE("flexbuffers: scalar and string roots") {
    {
        ::flexbuffers::Builder b;
        b.Int(-5);
        b.Finish();
        auto r = fx::flex_root(b.GetBuffer().data(), b.GetBuffer().size());
        REQUIRE(r.is_ok());
        CHECK(*r->as_int64() == -5);
    }
    {
        ::flexbuffers::Builder b;
        b.String("hello");
        b.Finish();
        auto r = fx::flex_root(b.GetBuffer().data(), b.GetBuffer().size());
        REQUIRE(r.is_ok());
        CHECK(*r->as_string() == "hello");
    }
}

TEST_CASE("flexbuffers: option helpers name the missing key") {
    const auto buf = build_sample_map();
    auto m = fx::options_map(buf.data(), buf.size(), "MyOp");
    REQUIRE(m.is_ok());
    CHECK(*fx::required_int32(*m, "small", "MyOp") == 7);
    CHECK(*fx::required_float(*m, "ratio", "MyOp") == 0.6f);
    CHECK(*fx::optional_int32(*m, "absent", 100, "MyOp") == 100);
    CHECK(*fx::optional_bool(*m, "absent", true, "MyOp") == true);
    CHECK(*fx::optional_bool(*m, "no", true, "MyOp") == false);
    auto r = fx::required_int32(*m, "max_detections", "MyOp");
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.error().message() == "MyOp: required key 'max_detections' is missing");
    auto wrong = fx::required_float(*m, "name", "MyOp");
    REQUIRE_FALSE(wrong.is_ok());
    CHECK(wrong.error().message().find("'name'") != std::string::npos);
}

TEST_CASE("flexbuffers: hand-crafted hostile buffers are rejected with a reason") {
    SUBCASE("too small") {
        const uint8_t b[] = {0, 1};
        auto r = fx::flex_root(b, sizeof b);
        REQUIRE_FALSE(r.is_ok());
        CHECK(r.error().message().find("too small") != std::string::npos);
        CHECK_FALSE(fx::flex_root(nullptr, 0).is_ok());
    }
    SUBCASE("root width not in {1,2,4,8}") {
        const uint8_t b[] = {0, 0, 0, 0x04, 3};
        auto r = fx::flex_root(b, sizeof b);
        REQUIRE_FALSE(r.is_ok());
        CHECK(r.error().message().find("root byte width 3") != std::string::npos);
    }
    SUBCASE("root width larger than the buffer") {
        const uint8_t b[] = {0, 0x04, 8};
        CHECK_FALSE(fx::flex_root(b, sizeof b).is_ok());
    }
    SUBCASE("unknown type code") {
        const uint8_t b[] = {0, 30 << 2, 1};
        CHECK_FALSE(fx::flex_root(b, sizeof b).is_ok());
    }
    SUBCASE("offset going backward past the start") {
        // Root: a string (type 5) at offset 200 back from the root slot at byte 0.
        const uint8_t b[] = {200, 5 << 2, 1};
        auto r = fx::flex_root(b, sizeof b);
        REQUIRE(r.is_ok());
        auto s = r->as_string();
        REQUIRE_FALSE(s.is_ok());
        CHECK(s.error().message().find("before the start") != std::string::npos);
    }
    SUBCASE("key without NUL terminator") {
        // Bytes 0..1 'a','b' (no NUL), root slot at 2 holds offset 2 -> key at byte 0.
        const uint8_t b[] = {'a', 'b', 2, 4 << 2, 1};
        auto r = fx::flex_root(b, sizeof b);
        REQUIRE(r.is_ok());
        auto s = r->as_string();
        REQUIRE_FALSE(s.is_ok());
        CHECK(s.error().message().find("NUL") != std::string::npos);
    }
    SUBCASE("vector count that overflows the buffer") {
        // 8-byte count of 2^61 before the elements, root slot points at the elements.
        // Bytes 0..7: an 8-byte count of 2^61; byte 8: the root slot, offset 0, so the vector's elements start
        // there with width 8 (packed width code 3).
        const std::vector<uint8_t> b = {0, 0, 0, 0, 0, 0, 0, 0x20, 0, (10 << 2) | 3, 1};
        auto r = fx::flex_root(b.data(), b.size());
        REQUIRE(r.is_ok());
        auto v = r->as_vector();
        REQUIRE_FALSE(v.is_ok());
        CHECK(v.error().message().find("runs past the end") != std::string::npos);
    }
    SUBCASE("map keys width not in {1,2,4,8}") {
        // Map at byte 3 with width 1, after [keys offset 0][keys width 5][count 0]; the root slot (byte 3) holds
        // offset 0, so the map has no values and starts right there.
        const uint8_t b[] = {0, 5, 0, 0, (9 << 2), 1};
        auto r = fx::flex_root(b, sizeof b);
        REQUIRE(r.is_ok());
        auto m = r->as_map();
        REQUIRE_FALSE(m.is_ok());
        CHECK(m.error().message().find("keys width 5") != std::string::npos);
    }
    SUBCASE("float in a 2-byte slot") {
        const uint8_t b[] = {0, 0, (3 << 2) | 1, 2};
        auto r = fx::flex_root(b, sizeof b);
        REQUIRE(r.is_ok());
        CHECK_FALSE(r->as_double().is_ok());
    }
    SUBCASE("self-referencing vector nests without end") {
        // A one-element untyped vector whose element is an offset 0 to itself: lazy reads stay finite and
        // flex_verify stops at its depth limit.
        // Byte 0: count 1; byte 1: the element, offset 0 (itself); byte 2: its type; byte 3: root slot -> byte 1.
        const uint8_t b[] = {1, 0, (10 << 2), 2, (10 << 2), 1};
        auto r = fx::flex_root(b, sizeof b);
        REQUIRE(r.is_ok());
        auto v = r->as_vector();
        REQUIRE(v.is_ok());
        REQUIRE(v->size() == 1);
        auto e = v->at(0);
        REQUIRE(e.is_ok());
        CHECK(e->type() == fx::flex_type::vector);
        auto st = fx::flex_verify(b, sizeof b);
        REQUIRE_FALSE(st.is_ok());
        CHECK(st.message().find("nesting deeper than 64") != std::string::npos);
    }
}

TEST_CASE("flexbuffers: deep but legal nesting is readable and flex_verify bounds it") {
    ::flexbuffers::Builder b;
    std::function<void(int)> nest = [&](int level) {
        if (level == 0) {
            b.Int(9);
            return;
        }
        b.Vector([&] { nest(level - 1); });
    };
    nest(100);
    b.Finish();
    const auto& buf = b.GetBuffer();
    CHECK(fx::flex_verify(buf.data(), buf.size(), 200).is_ok());
    CHECK_FALSE(fx::flex_verify(buf.data(), buf.size(), 64).is_ok());
    auto v = fx::flex_root(buf.data(), buf.size());
    REQUIRE(v.is_ok());
    for (int i = 0; i < 100; ++i) {
        auto vec = v->as_vector();
        REQUIRE(vec.is_ok());
        v = vec->at(0);
        REQUIRE(v.is_ok());
    }
    CHECK(*v->as_int64() == 9);
}

TEST_CASE("flexbuffers: every prefix and random byte flips give an error or a value, never a crash") {
    const auto buf = build_sample_map();
    size_t prefix_errors = 0;
    for (size_t n = 0; n < buf.size(); ++n) {
        // Copy into an exactly sized heap block so that AddressSanitizer sees any read past the prefix.
        std::vector<uint8_t> prefix(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
        exercise(prefix.data(), prefix.size());
        if (!fx::flex_verify(prefix.data(), prefix.size()).is_ok()) ++prefix_errors;
    }
    // The root lives at the end, so most cut buffers are invalid; a few happen to end in a plausible inline root.
    CHECK(prefix_errors * 2 > buf.size());

    uint32_t state = 12345u;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    size_t flips_rejected = 0;
    for (int trial = 0; trial < 20000; ++trial) {
        std::vector<uint8_t> bad = buf;
        const int flips = 1 + static_cast<int>(next() % 4);
        for (int f = 0; f < flips; ++f) bad[next() % bad.size()] ^= static_cast<uint8_t>(1u << (next() % 8));
        exercise(bad.data(), bad.size());
        if (!fx::flex_verify(bad.data(), bad.size()).is_ok()) ++flips_rejected;
    }
    CHECK(flips_rejected > 0);
}
