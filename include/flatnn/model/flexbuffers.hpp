#pragma once
// A bounds-checked FlexBuffers reader for the `custom_options` of custom ops.
//
// The bytes come from an untrusted model file, so every read is checked against the buffer and every failure is a
// status naming the rule broken and the byte offset. Reading is lazy: a value is only decoded when asked for, and
// nothing here recurses, so hostile nesting cannot exhaust the stack; flex_verify() walks a whole buffer with a
// depth limit for callers that want to reject a bad buffer up front.
//
// Layout facts (FlexBuffers spec): little-endian, offsets point backward (target = slot - offset), the last byte of
// the buffer is the root's byte width and the byte before it the root's packed type ((type << 2) | width code).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "flatnn/core/status.hpp"

namespace flatnn {
namespace flexbuffers {

enum class flex_type : uint8_t {
    null = 0,
    int_ = 1,
    uint = 2,
    float_ = 3,
    key = 4,
    string = 5,
    indirect_int = 6,
    indirect_uint = 7,
    indirect_float = 8,
    map = 9,
    vector = 10,
    vector_int = 11,
    vector_uint = 12,
    vector_float = 13,
    vector_key = 14,
    vector_string_deprecated = 15,
    vector_int2 = 16,
    vector_uint2 = 17,
    vector_float2 = 18,
    vector_int3 = 19,
    vector_uint3 = 20,
    vector_float3 = 21,
    vector_int4 = 22,
    vector_uint4 = 23,
    vector_float4 = 24,
    blob = 25,
    bool_ = 26,
    vector_bool = 36,
};

inline bool is_known_type(unsigned t) noexcept { return t <= 26 || t == 36; }

inline const char* type_name(flex_type t) noexcept {
    switch (t) {
        case flex_type::null: return "null";
        case flex_type::int_: return "int";
        case flex_type::uint: return "uint";
        case flex_type::float_: return "float";
        case flex_type::key: return "key";
        case flex_type::string: return "string";
        case flex_type::indirect_int: return "indirect int";
        case flex_type::indirect_uint: return "indirect uint";
        case flex_type::indirect_float: return "indirect float";
        case flex_type::map: return "map";
        case flex_type::vector: return "vector";
        case flex_type::vector_int: return "int vector";
        case flex_type::vector_uint: return "uint vector";
        case flex_type::vector_float: return "float vector";
        case flex_type::vector_key: return "key vector";
        case flex_type::vector_string_deprecated: return "string vector";
        case flex_type::vector_int2: return "int2 vector";
        case flex_type::vector_uint2: return "uint2 vector";
        case flex_type::vector_float2: return "float2 vector";
        case flex_type::vector_int3: return "int3 vector";
        case flex_type::vector_uint3: return "uint3 vector";
        case flex_type::vector_float3: return "float3 vector";
        case flex_type::vector_int4: return "int4 vector";
        case flex_type::vector_uint4: return "uint4 vector";
        case flex_type::vector_float4: return "float4 vector";
        case flex_type::blob: return "blob";
        case flex_type::bool_: return "bool";
        case flex_type::vector_bool: return "bool vector";
    }
    return "unknown";
}

inline bool is_inline_type(flex_type t) noexcept {
    return t == flex_type::null || t == flex_type::int_ || t == flex_type::uint || t == flex_type::float_ ||
           t == flex_type::bool_;
}
inline bool is_typed_vector_type(flex_type t) noexcept {
    return (t >= flex_type::vector_int && t <= flex_type::vector_string_deprecated) || t == flex_type::vector_bool;
}
inline bool is_fixed_vector_type(flex_type t) noexcept {
    return t >= flex_type::vector_int2 && t <= flex_type::vector_float4;
}

namespace detail {

inline status error_at(size_t pos, const std::string& rule) {
    return status::error("flexbuffers: " + rule + " (at byte " + std::to_string(pos) + ")");
}

inline bool valid_width(uint64_t w) noexcept { return w == 1 || w == 2 || w == 4 || w == 8; }

// The bytes of one buffer; every read goes through here.
struct span {
    const uint8_t* data = nullptr;
    size_t size = 0;

    bool fits(size_t pos, size_t len) const noexcept { return pos <= size && len <= size - pos; }

    result<uint64_t> read_uint(size_t pos, size_t width) const {
        if (!valid_width(width)) return error_at(pos, "byte width " + std::to_string(width) + " is not 1, 2, 4 or 8");
        if (!fits(pos, width))
            return error_at(pos, std::to_string(width) + "-byte read runs past the end of the " +
                                     std::to_string(size) + "-byte buffer");
        uint64_t v = 0;
        for (size_t i = 0; i < width; ++i) v |= static_cast<uint64_t>(data[pos + i]) << (8 * i);
        return v;
    }

    result<int64_t> read_int(size_t pos, size_t width) const {
        auto u = read_uint(pos, width);
        if (!u) return u.error();
        uint64_t v = *u;
        if (width < 8) {
            const uint64_t sign = uint64_t{1} << (8 * width - 1);
            if (v & sign) v |= ~((sign << 1) - 1);  // sign-extend
        }
        int64_t out;
        std::memcpy(&out, &v, sizeof out);
        return out;
    }

    result<double> read_float(size_t pos, size_t width) const {
        if (width != 4 && width != 8)
            return error_at(pos, "float stored in " + std::to_string(width) + " bytes (must be 4 or 8)");
        auto u = read_uint(pos, width);
        if (!u) return u.error();
        if (width == 4) {
            const uint32_t bits = static_cast<uint32_t>(*u);
            float f;
            std::memcpy(&f, &bits, sizeof f);
            return static_cast<double>(f);
        }
        const uint64_t bits = *u;
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }

    // Follows the backward offset stored in the slot at `pos`.
    result<size_t> indirect(size_t pos, size_t width) const {
        auto o = read_uint(pos, width);
        if (!o) return o.error();
        if (*o > pos)
            return error_at(pos, "offset " + std::to_string(*o) + " points before the start of the buffer");
        return static_cast<size_t>(pos - *o);
    }

    // Length of the NUL-terminated key at `pos`.
    result<size_t> key_length(size_t pos) const {
        if (pos >= size) return error_at(pos, "key starts past the end of the buffer");
        const void* nul = std::memchr(data + pos, 0, size - pos);
        if (!nul) return error_at(pos, "key has no NUL terminator before the end of the buffer");
        return static_cast<size_t>(static_cast<const uint8_t*>(nul) - (data + pos));
    }
};

}  // namespace detail

class flex_value;
inline result<flex_value> flex_root(const uint8_t* data, size_t size);

// An untyped, typed or fixed-length vector (or the values of a map).
class flex_vector {
public:
    flex_vector() = default;
    size_t size() const noexcept { return count_; }
    // flex_type::null for untyped vectors (each element carries its own type).
    flex_type element_type() const noexcept { return element_type_; }
    inline result<flex_value> at(size_t index) const;

private:
    friend class flex_value;
    friend class flex_map;
    detail::span buf_{};
    size_t pos_ = 0;    // first element
    size_t width_ = 1;  // element slot width
    size_t count_ = 0;
    bool typed_ = false;
    flex_type element_type_ = flex_type::null;

    // Checks the prefix and that all elements (and the type bytes of an untyped vector) lie inside the buffer.
    static result<flex_vector> make(detail::span buf, size_t pos, size_t width, bool typed, flex_type element_type,
                                    bool has_count, size_t fixed_count) {
        flex_vector v;
        v.buf_ = buf;
        v.pos_ = pos;
        v.width_ = width;
        v.typed_ = typed;
        v.element_type_ = element_type;
        if (!detail::valid_width(width))
            return detail::error_at(pos, "vector element width " + std::to_string(width) + " is not 1, 2, 4 or 8");
        if (pos > buf.size) return detail::error_at(pos, "vector starts past the end of the buffer");
        if (has_count) {
            if (pos < width) return detail::error_at(pos, "vector size field lies before the start of the buffer");
            auto n = buf.read_uint(pos - width, width);
            if (!n) return n.error();
            v.count_ = static_cast<size_t>(*n);
            if (*n > (buf.size - pos) / width)
                return detail::error_at(pos, "vector of " + std::to_string(*n) + " elements of " +
                                                 std::to_string(width) + " bytes runs past the end of the buffer");
        } else {
            v.count_ = fixed_count;
            if (fixed_count > (buf.size - pos) / width)
                return detail::error_at(pos, "fixed vector of " + std::to_string(fixed_count) +
                                                 " elements runs past the end of the buffer");
        }
        if (!typed) {
            const size_t after = pos + v.count_ * width;  // cannot overflow: checked against size above
            if (v.count_ > buf.size - after)
                return detail::error_at(pos, "type bytes of a " + std::to_string(v.count_) +
                                                 "-element vector run past the end of the buffer");
        }
        return v;
    }
};

// A map: sorted keys plus an untyped vector of values.
class flex_map {
public:
    flex_map() = default;
    size_t size() const noexcept { return values_.size(); }
    inline result<std::string_view> key_at(size_t index) const;
    inline result<flex_value> value_at(size_t index) const;
    // A missing key gives a null value (which converts to 0 / 0.0 / false), as TFLite's readers expect.
    inline result<flex_value> find(std::string_view key) const;

private:
    friend class flex_value;
    detail::span buf_{};
    flex_vector values_{};
    size_t keys_pos_ = 0;
    size_t keys_width_ = 1;
};

// One value: an inline scalar in its slot, or a slot holding an offset to the object.
class flex_value {
public:
    flex_value() = default;  // null

    flex_type type() const noexcept { return type_; }
    bool is_null() const noexcept { return type_ == flex_type::null; }
    // Byte width from the packed type: the pointed-to object's width for offset types.
    size_t byte_width() const noexcept { return byte_width_; }

    // Numeric conversions: int, uint, float, bool (and their indirect forms) convert; null reads as 0.
    // Strings, blobs, vectors and maps are rejected rather than parsed or measured.
    result<int64_t> as_int64() const {
        switch (type_) {
            case flex_type::null: return int64_t{0};
            case flex_type::int_:
            case flex_type::bool_: return buf_.read_int(pos_, parent_width_);
            case flex_type::indirect_int: {
                auto p = target();
                if (!p) return p.error();
                return buf_.read_int(*p, byte_width_);
            }
            case flex_type::uint:
            case flex_type::indirect_uint: {
                auto u = as_uint64();
                if (!u) return u.error();
                if (*u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                    return detail::error_at(pos_, "unsigned value " + std::to_string(*u) + " does not fit in int64");
                return static_cast<int64_t>(*u);
            }
            case flex_type::float_:
            case flex_type::indirect_float: {
                auto d = as_double();
                if (!d) return d.error();
                // Truncates toward zero like a C cast, but refuses values a cast would make undefined.
                if (!(*d >= -9223372036854775808.0 && *d < 9223372036854775808.0))
                    return detail::error_at(pos_, "float value is NaN or outside the int64 range");
                return static_cast<int64_t>(*d);
            }
            default: return not_convertible("an integer");
        }
    }

    result<uint64_t> as_uint64() const {
        switch (type_) {
            case flex_type::null: return uint64_t{0};
            case flex_type::uint:
            case flex_type::bool_: return buf_.read_uint(pos_, parent_width_);
            case flex_type::indirect_uint: {
                auto p = target();
                if (!p) return p.error();
                return buf_.read_uint(*p, byte_width_);
            }
            case flex_type::int_:
            case flex_type::indirect_int:
            case flex_type::float_:
            case flex_type::indirect_float: {
                auto i = as_int64();
                if (!i) return i.error();
                if (*i < 0) return detail::error_at(pos_, "negative value " + std::to_string(*i) + " read as unsigned");
                return static_cast<uint64_t>(*i);
            }
            default: return not_convertible("an unsigned integer");
        }
    }

    result<double> as_double() const {
        switch (type_) {
            case flex_type::null: return 0.0;
            case flex_type::float_: return buf_.read_float(pos_, parent_width_);
            case flex_type::indirect_float: {
                auto p = target();
                if (!p) return p.error();
                return buf_.read_float(*p, byte_width_);
            }
            case flex_type::int_:
            case flex_type::indirect_int: {
                auto i = as_int64();
                if (!i) return i.error();
                return static_cast<double>(*i);
            }
            case flex_type::uint:
            case flex_type::indirect_uint:
            case flex_type::bool_: {
                auto u = as_uint64();
                if (!u) return u.error();
                return static_cast<double>(*u);
            }
            default: return not_convertible("a number");
        }
    }

    result<float> as_float() const {
        auto d = as_double();
        if (!d) return d.error();
        return static_cast<float>(*d);
    }

    // Range-checked, where TFLite would silently truncate.
    result<int32_t> as_int32() const {
        auto i = as_int64();
        if (!i) return i.error();
        if (*i < std::numeric_limits<int32_t>::min() || *i > std::numeric_limits<int32_t>::max())
            return detail::error_at(pos_, "value " + std::to_string(*i) + " does not fit in int32");
        return static_cast<int32_t>(*i);
    }

    result<bool> as_bool() const {
        if (type_ == flex_type::bool_) {
            auto u = buf_.read_uint(pos_, parent_width_);
            if (!u) return u.error();
            return *u != 0;
        }
        if (type_ == flex_type::float_ || type_ == flex_type::indirect_float) {
            auto d = as_double();
            if (!d) return d.error();
            return *d != 0.0;
        }
        if (type_ == flex_type::int_ || type_ == flex_type::indirect_int) {
            auto i = as_int64();
            if (!i) return i.error();
            return *i != 0;
        }
        if (type_ != flex_type::null && type_ != flex_type::uint && type_ != flex_type::indirect_uint)
            return not_convertible("a bool");
        auto u = as_uint64();
        if (!u) return u.error();
        return *u != 0;
    }

    // Strings and keys, as pointer + length (without the terminating NUL).
    result<std::string_view> as_string() const {
        if (type_ == flex_type::key) {
            auto p = target();
            if (!p) return p.error();
            auto n = buf_.key_length(*p);
            if (!n) return n.error();
            return std::string_view(reinterpret_cast<const char*>(buf_.data + *p), *n);
        }
        if (type_ != flex_type::string) return not_convertible("a string");
        auto sized = sized_object();
        if (!sized) return sized.error();
        const size_t p = sized->first, n = sized->second;
        if (n >= buf_.size - p || buf_.data[p + n] != 0)
            return detail::error_at(p, "string of " + std::to_string(n) + " bytes lacks its NUL terminator");
        return std::string_view(reinterpret_cast<const char*>(buf_.data + p), n);
    }

    struct blob_view {
        const uint8_t* data = nullptr;
        size_t size = 0;
    };
    result<blob_view> as_blob() const {
        if (type_ != flex_type::blob && type_ != flex_type::string) return not_convertible("a blob");
        auto sized = sized_object();
        if (!sized) return sized.error();
        return blob_view{buf_.data + sized->first, sized->second};
    }

    // Untyped, typed and fixed vectors; a map gives its values.
    result<flex_vector> as_vector() const {
        auto p = target_if_container();
        if (!p) return p.error();
        if (type_ == flex_type::vector || type_ == flex_type::map)
            return flex_vector::make(buf_, *p, byte_width_, false, flex_type::null, true, 0);
        if (is_typed_vector_type(type_)) {
            const flex_type elem = type_ == flex_type::vector_bool
                                       ? flex_type::bool_
                                       : static_cast<flex_type>(static_cast<unsigned>(type_) - 10u);
            return flex_vector::make(buf_, *p, byte_width_, true, elem, true, 0);
        }
        // Fixed vectors: INT2, UINT2, FLOAT2, INT3, ... — length and element type come from the type code.
        const unsigned k = static_cast<unsigned>(type_) - static_cast<unsigned>(flex_type::vector_int2);
        return flex_vector::make(buf_, *p, byte_width_, true, static_cast<flex_type>(k % 3 + 1), false, k / 3 + 2);
    }

    result<flex_map> as_map() const {
        if (type_ != flex_type::map) return not_convertible("a map");
        auto p = target();
        if (!p) return p.error();
        const size_t pos = *p, w = byte_width_;
        flex_map m;
        m.buf_ = buf_;
        if (pos < 3 * w) return detail::error_at(pos, "map header lies before the start of the buffer");
        auto keys_pos = buf_.indirect(pos - 3 * w, w);
        if (!keys_pos) return keys_pos.error();
        auto keys_width = buf_.read_uint(pos - 2 * w, w);
        if (!keys_width) return keys_width.error();
        if (!detail::valid_width(*keys_width))
            return detail::error_at(pos - 2 * w, "map keys width " + std::to_string(*keys_width) +
                                                     " is not 1, 2, 4 or 8");
        auto values = flex_vector::make(buf_, pos, w, false, flex_type::null, true, 0);
        if (!values) return values.error();
        auto keys = flex_vector::make(buf_, *keys_pos, static_cast<size_t>(*keys_width), true, flex_type::key, true, 0);
        if (!keys) return keys.error();
        if (keys->size() != values->size())
            return detail::error_at(pos, "map has " + std::to_string(keys->size()) + " keys but " +
                                             std::to_string(values->size()) + " values");
        m.values_ = *values;
        m.keys_pos_ = *keys_pos;
        m.keys_width_ = static_cast<size_t>(*keys_width);
        return m;
    }

private:
    friend class flex_vector;
    friend class flex_map;
    friend result<flex_value> flex_root(const uint8_t*, size_t);

    detail::span buf_{};
    size_t pos_ = 0;           // the slot
    size_t parent_width_ = 1;  // slot width
    size_t byte_width_ = 1;    // pointed-to object's width
    flex_type type_ = flex_type::null;

    flex_value(detail::span buf, size_t pos, size_t parent_width, size_t byte_width, flex_type type)
        : buf_(buf), pos_(pos), parent_width_(parent_width), byte_width_(byte_width), type_(type) {}

    status not_convertible(const char* what) const {
        return detail::error_at(pos_, std::string("a ") + type_name(type_) + " value cannot be read as " + what);
    }

    result<size_t> target() const { return buf_.indirect(pos_, parent_width_); }

    result<size_t> target_if_container() const {
        if (type_ != flex_type::vector && type_ != flex_type::map && !is_typed_vector_type(type_) &&
            !is_fixed_vector_type(type_))
            return not_convertible("a vector");
        return target();
    }

    // Position and length of a string or blob: the size field precedes the bytes.
    result<std::pair<size_t, size_t>> sized_object() const {
        auto p = target();
        if (!p) return p.error();
        if (*p < byte_width_) return detail::error_at(*p, "size field lies before the start of the buffer");
        auto n = buf_.read_uint(*p - byte_width_, byte_width_);
        if (!n) return n.error();
        if (*n > buf_.size - *p)
            return detail::error_at(*p, std::to_string(*n) + "-byte string or blob runs past the end of the buffer");
        return std::pair<size_t, size_t>(*p, static_cast<size_t>(*n));
    }
};

inline result<flex_value> flex_vector::at(size_t index) const {
    if (index >= count_)
        return detail::error_at(pos_, "index " + std::to_string(index) + " out of range for a vector of " +
                                          std::to_string(count_) + " elements");
    const size_t slot = pos_ + index * width_;  // inside the buffer: checked by make()
    if (typed_) return flex_value(buf_, slot, width_, 1, element_type_);
    const size_t type_pos = pos_ + count_ * width_ + index;
    const uint8_t packed = buf_.data[type_pos];
    const unsigned t = packed >> 2;
    if (!is_known_type(t))
        return detail::error_at(type_pos, "unknown value type " + std::to_string(t) + " for element " +
                                              std::to_string(index));
    return flex_value(buf_, slot, width_, size_t{1} << (packed & 3u), static_cast<flex_type>(t));
}

inline result<std::string_view> flex_map::key_at(size_t index) const {
    if (index >= size())
        return detail::error_at(keys_pos_, "key index " + std::to_string(index) + " out of range for a map of " +
                                               std::to_string(size()) + " entries");
    auto p = buf_.indirect(keys_pos_ + index * keys_width_, keys_width_);
    if (!p) return p.error();
    auto n = buf_.key_length(*p);
    if (!n) return n.error();
    return std::string_view(reinterpret_cast<const char*>(buf_.data + *p), *n);
}

inline result<flex_value> flex_map::value_at(size_t index) const { return values_.at(index); }

inline result<flex_value> flex_map::find(std::string_view key) const {
    // Keys are sorted in strcmp (unsigned byte) order; a hostile unsorted map can only make the search miss.
    size_t lo = 0, hi = size();
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        auto k = key_at(mid);
        if (!k) return k.error();
        const size_t n = k->size() < key.size() ? k->size() : key.size();
        int c = std::memcmp(k->data(), key.data(), n);  // memcmp compares as unsigned char, like strcmp
        if (c == 0) c = k->size() < key.size() ? -1 : (k->size() > key.size() ? 1 : 0);
        if (c == 0) return value_at(mid);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return flex_value();
}

// The root value of a FlexBuffer.
inline result<flex_value> flex_root(const uint8_t* data, size_t size) {
    if (data == nullptr && size != 0) return status::error("flexbuffers: null data with non-zero size");
    if (size < 3)
        return status::error("flexbuffers: buffer of " + std::to_string(size) +
                             " bytes is too small (root needs at least 3)");
    const detail::span buf{data, size};
    const size_t width = data[size - 1];
    if (!detail::valid_width(width))
        return detail::error_at(size - 1, "root byte width " + std::to_string(width) + " is not 1, 2, 4 or 8");
    if (size - 2 < width) return detail::error_at(size - 2, "root value lies before the start of the buffer");
    const uint8_t packed = data[size - 2];
    const unsigned t = packed >> 2;
    if (!is_known_type(t)) return detail::error_at(size - 2, "unknown root type " + std::to_string(t));
    return flex_value(buf, size - 2 - width, width, size_t{1} << (packed & 3u), static_cast<flex_type>(t));
}

// Walks every value reachable from the root, so that a caller can reject a malformed buffer before use. Recursion
// is bounded by max_depth, and total work by a visit budget so that shared sub-objects cannot blow up the walk.
namespace detail {

inline status verify_value(const flex_value& v, size_t depth, size_t max_depth, size_t& budget) {
    if (budget == 0) return status::error("flexbuffers: too many values to verify (shared sub-objects?)");
    --budget;
    if (depth > max_depth)
        return status::error("flexbuffers: nesting deeper than " + std::to_string(max_depth) + " levels");
    switch (v.type()) {
        case flex_type::null: return status::ok();
        case flex_type::int_:
        case flex_type::indirect_int:
        case flex_type::bool_: {
            auto r = v.as_int64();
            return r ? status::ok() : r.error();
        }
        case flex_type::uint:
        case flex_type::indirect_uint: {
            auto r = v.as_uint64();
            return r ? status::ok() : r.error();
        }
        case flex_type::float_:
        case flex_type::indirect_float: {
            auto r = v.as_double();
            return r ? status::ok() : r.error();
        }
        case flex_type::key:
        case flex_type::string: {
            auto r = v.as_string();
            return r ? status::ok() : r.error();
        }
        case flex_type::blob: {
            auto r = v.as_blob();
            return r ? status::ok() : r.error();
        }
        case flex_type::map: {
            auto m = v.as_map();
            if (!m) return m.error();
            for (size_t i = 0; i < m->size(); ++i) {
                auto k = m->key_at(i);
                if (!k) return k.error();
                auto e = m->value_at(i);
                if (!e) return e.error();
                FLATNN_TRY(verify_value(*e, depth + 1, max_depth, budget));
            }
            return status::ok();
        }
        default: {
            auto vec = v.as_vector();
            if (!vec) return vec.error();
            for (size_t i = 0; i < vec->size(); ++i) {
                auto e = vec->at(i);
                if (!e) return e.error();
                FLATNN_TRY(verify_value(*e, depth + 1, max_depth, budget));
            }
            return status::ok();
        }
    }
}

}  // namespace detail

inline status flex_verify(const uint8_t* data, size_t size, size_t max_depth = 64) {
    auto root = flex_root(data, size);
    if (!root) return root.error();
    size_t budget = size > std::numeric_limits<size_t>::max() / 8 ? std::numeric_limits<size_t>::max() : 4 * size + 64;
    return detail::verify_value(*root, 0, max_depth, budget);
}

// Option lookups for custom-op parsers; `where` names the op in messages.
inline result<flex_value> find_required(const flex_map& m, std::string_view key, std::string_view where) {
    auto v = m.find(key);
    if (!v) return status::error(std::string(where) + ": reading key '" + std::string(key) + "': " + v.error().message());
    if (v->is_null()) return status::error(std::string(where) + ": required key '" + std::string(key) + "' is missing");
    return v;
}

inline result<int32_t> required_int32(const flex_map& m, std::string_view key, std::string_view where) {
    auto v = find_required(m, key, where);
    if (!v) return v.error();
    auto i = v->as_int32();
    if (!i) return status::error(std::string(where) + ": key '" + std::string(key) + "': " + i.error().message());
    return i;
}

inline result<float> required_float(const flex_map& m, std::string_view key, std::string_view where) {
    auto v = find_required(m, key, where);
    if (!v) return v.error();
    auto f = v->as_float();
    if (!f) return status::error(std::string(where) + ": key '" + std::string(key) + "': " + f.error().message());
    return f;
}

inline result<int32_t> optional_int32(const flex_map& m, std::string_view key, int32_t fallback,
                                      std::string_view where) {
    auto v = m.find(key);
    if (!v) return status::error(std::string(where) + ": reading key '" + std::string(key) + "': " + v.error().message());
    if (v->is_null()) return fallback;
    auto i = v->as_int32();
    if (!i) return status::error(std::string(where) + ": key '" + std::string(key) + "': " + i.error().message());
    return i;
}

inline result<bool> optional_bool(const flex_map& m, std::string_view key, bool fallback, std::string_view where) {
    auto v = m.find(key);
    if (!v) return status::error(std::string(where) + ": reading key '" + std::string(key) + "': " + v.error().message());
    if (v->is_null()) return fallback;
    auto b = v->as_bool();
    if (!b) return status::error(std::string(where) + ": key '" + std::string(key) + "': " + b.error().message());
    return b;
}

// The root of custom options, which must be a map.
inline result<flex_map> options_map(const uint8_t* data, size_t size, std::string_view where) {
    auto root = flex_root(data, size);
    if (!root) return status::error(std::string(where) + ": custom options: " + root.error().message());
    auto m = root->as_map();
    if (!m) return status::error(std::string(where) + ": custom options root: " + m.error().message());
    return m;
}

}  // namespace flexbuffers
}  // namespace flatnn
