#pragma once
// NumPy .npy files: read (format versions 1.0, 2.0, 3.0) and write (1.0, or 2.0 when the header is too long),
// little-endian numeric dtypes in C order. Reading treats the bytes as hostile: every failure is a status naming
// the rule broken and the byte offset, never an out-of-bounds read.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "flatnn/core/status.hpp"

namespace flatnn::npy {

enum class dtype : std::uint8_t { boolean, i8, u8, i16, u16, i32, u32, i64, u64, f16, f32, f64 };

namespace detail {

struct dtype_entry {
    dtype type;
    const char* code;  // descr without its byte-order character
    std::size_t size;
};

inline constexpr dtype_entry k_dtypes[] = {
    {dtype::boolean, "b1", 1}, {dtype::i8, "i1", 1},  {dtype::u8, "u1", 1},  {dtype::i16, "i2", 2},
    {dtype::u16, "u2", 2},     {dtype::i32, "i4", 4}, {dtype::u32, "u4", 4}, {dtype::i64, "i8", 8},
    {dtype::u64, "u8", 8},     {dtype::f16, "f2", 2}, {dtype::f32, "f4", 4}, {dtype::f64, "f8", 8},
};

inline const dtype_entry& entry_of(dtype t) {
    for (const auto& e : k_dtypes)
        if (e.type == t) return e;
    return k_dtypes[0];  // unreachable for valid enum values
}

}  // namespace detail

inline std::size_t element_size(dtype t) { return detail::entry_of(t).size; }

// The descr numpy writes for this dtype: '|' for one byte, '<' otherwise.
inline std::string descr_of(dtype t) {
    const auto& e = detail::entry_of(t);
    return std::string(e.size == 1 ? "|" : "<") + e.code;
}

template <class T> struct dtype_of;
template <> struct dtype_of<bool> { static constexpr dtype value = dtype::boolean; };
template <> struct dtype_of<std::int8_t> { static constexpr dtype value = dtype::i8; };
template <> struct dtype_of<std::uint8_t> { static constexpr dtype value = dtype::u8; };
template <> struct dtype_of<std::int16_t> { static constexpr dtype value = dtype::i16; };
template <> struct dtype_of<std::uint16_t> { static constexpr dtype value = dtype::u16; };
template <> struct dtype_of<std::int32_t> { static constexpr dtype value = dtype::i32; };
template <> struct dtype_of<std::uint32_t> { static constexpr dtype value = dtype::u32; };
template <> struct dtype_of<std::int64_t> { static constexpr dtype value = dtype::i64; };
template <> struct dtype_of<std::uint64_t> { static constexpr dtype value = dtype::u64; };
template <> struct dtype_of<float> { static constexpr dtype value = dtype::f32; };
template <> struct dtype_of<double> { static constexpr dtype value = dtype::f64; };

// What the header says, and where the data lies in the file.
struct header {
    dtype type = dtype::f32;
    std::vector<std::int64_t> shape;
    std::uint64_t element_count = 1;
    std::size_t data_offset = 0;  // bytes from the start of the file
    std::size_t data_size = 0;    // element_count * element_size(type)
    int major_version = 1;
};

// Data borrowed from the caller's buffer (may be unaligned for the element type: copy it out with memcpy).
struct array_view {
    dtype type = dtype::f32;
    std::vector<std::int64_t> shape;
    const std::uint8_t* data = nullptr;
    std::size_t size_bytes = 0;
};

// Owned data: little-endian element bytes in C order.
struct array {
    dtype type = dtype::f32;
    std::vector<std::int64_t> shape;
    std::vector<std::uint8_t> bytes;

    std::uint64_t element_count() const { return bytes.size() / element_size(type); }

    // The elements as T; an error when T is not the stored dtype.
    template <class T>
    result<std::vector<T>> values() const {
        if (dtype_of<T>::value != type)
            return status::error("npy: values<T>(): T is " + descr_of(dtype_of<T>::value) + " but the array is " +
                                 descr_of(type));
        std::vector<T> out(bytes.size() / sizeof(T));
        if constexpr (std::is_same_v<T, bool>) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = bytes[i] != 0;  // any nonzero byte is True
        } else if (!out.empty()) {
            std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
        }
        return out;
    }
};

template <class T>
array make_array(std::vector<std::int64_t> shape, const std::vector<T>& values) {
    array a;
    a.type = dtype_of<T>::value;
    a.shape = std::move(shape);
    if constexpr (std::is_same_v<T, bool>) {
        for (bool b : values) a.bytes.push_back(b ? 1 : 0);  // vector<bool> is packed: no data() to copy from
    } else {
        a.bytes.resize(values.size() * sizeof(T));
        if (!values.empty()) std::memcpy(a.bytes.data(), values.data(), a.bytes.size());
    }
    return a;
}

namespace detail {

inline constexpr std::size_t k_max_rank = 64;  // numpy's own limit (NPY_MAXDIMS in numpy 2)

// Shows untrusted text in a message: printable ASCII as is, the rest as \xNN, at most 40 characters.
inline std::string printable(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < 40; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    if (s.size() > 40) out += "...";
    return out;
}

inline status error_at(std::size_t offset, const std::string& what) {
    return status::error("npy: at byte " + std::to_string(offset) + ": " + what);
}

inline result<dtype> parse_descr(std::string_view s, std::size_t offset) {
    if (s.size() < 2) return error_at(offset, "descr '" + printable(s) + "' is too short for a dtype");
    const char order = s[0];
    const std::string_view code = s.substr(1);
    const dtype_entry* found = nullptr;
    for (const auto& e : k_dtypes)
        if (code == e.code) found = &e;
    if (found == nullptr || (order != '<' && order != '>' && order != '|' && order != '='))
        return error_at(offset, "descr '" + printable(s) +
                                    "' is not a supported dtype (supported: b1 i1 u1 i2 u2 i4 u4 i8 u8 f2 f4 f8)");
    if (found->size > 1 && order == '>')
        return error_at(offset, "descr '" + printable(s) + "' is big-endian; only little-endian ('<') is supported");
    if (found->size > 1 && order != '<')
        return error_at(offset, "descr '" + printable(s) + "' has byte order '" + std::string(1, order) +
                                    "'; a multi-byte dtype needs '<' (little-endian)");
    return found->type;
}

// A recursive-descent reader for the one Python literal numpy writes:
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } padded with spaces and ending in '\n'.
class header_parser {
public:
    header_parser(std::string_view text, std::size_t base) : text_(text), base_(base) {}

    status parse(header& out) {
        bool have_descr = false, have_order = false, have_shape = false;
        skip_space();
        if (!take('{')) return fail("the header must start with '{' (a Python dict literal)");
        for (;;) {
            skip_space();
            if (take('}')) break;
            const std::size_t key_pos = pos_;
            std::string_view key;
            FLATNN_TRY(parse_string(key, "a dict key"));
            skip_space();
            if (!take(':')) return fail("expected ':' after key '" + printable(key) + "'");
            skip_space();
            if (key == "descr") {
                if (have_descr) return fail_at(key_pos, "key 'descr' appears twice");
                have_descr = true;
                if (peek() == '[')
                    return fail("descr is a list: structured dtypes are not supported");
                const std::size_t value_pos = pos_;
                std::string_view descr;
                FLATNN_TRY(parse_string(descr, "the 'descr' value"));
                auto t = parse_descr(descr, base_ + value_pos);
                if (!t) return t.error();
                out.type = *t;
            } else if (key == "fortran_order") {
                if (have_order) return fail_at(key_pos, "key 'fortran_order' appears twice");
                have_order = true;
                if (take_word("True"))
                    return fail("fortran_order is True: only C-order arrays are supported");
                if (!take_word("False")) return fail("'fortran_order' must be True or False");
            } else if (key == "shape") {
                if (have_shape) return fail_at(key_pos, "key 'shape' appears twice");
                have_shape = true;
                FLATNN_TRY(parse_shape(out.shape));
            } else {
                return fail_at(key_pos, "unexpected key '" + printable(key) +
                                            "' (an .npy header has exactly descr, fortran_order, shape)");
            }
            skip_space();
            if (take(',')) continue;
            skip_space();
            if (take('}')) break;
            return fail("expected ',' or '}' after the value of '" + printable(key) + "'");
        }
        if (!have_descr) return fail("the header dict lacks the key 'descr'");
        if (!have_order) return fail("the header dict lacks the key 'fortran_order'");
        if (!have_shape) return fail("the header dict lacks the key 'shape'");
        skip_space();
        if (pos_ != text_.size()) return fail("unexpected text after the header dict's closing '}'");
        return status::ok();
    }

private:
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    bool take(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool take_word(std::string_view w) {
        if (text_.substr(pos_, w.size()) != w) return false;
        pos_ += w.size();
        return true;
    }
    void skip_space() {
        while (pos_ < text_.size() &&
               (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t'))
            ++pos_;
    }
    status fail(const std::string& what) const { return error_at(base_ + pos_, what); }
    status fail_at(std::size_t pos, const std::string& what) const { return error_at(base_ + pos, what); }

    status parse_string(std::string_view& out, const char* what) {
        const char quote = peek();
        if (quote != '\'' && quote != '"') return fail(std::string("expected a quoted string for ") + what);
        const std::size_t start = ++pos_;
        while (pos_ < text_.size() && text_[pos_] != quote) {
            if (text_[pos_] == '\\') return fail(std::string("escape sequences are not supported in ") + what);
            ++pos_;
        }
        if (pos_ >= text_.size()) return fail_at(start - 1, std::string("unterminated string for ") + what);
        out = text_.substr(start, pos_ - start);
        ++pos_;
        return status::ok();
    }

    status parse_dim(std::int64_t& out) {
        if (peek() == '-') return fail("negative dimension in 'shape'");
        if (peek() < '0' || peek() > '9') return fail("expected a non-negative integer in 'shape'");
        std::int64_t v = 0;
        const std::size_t start = pos_;
        while (peek() >= '0' && peek() <= '9') {
            const int digit = peek() - '0';
            if (v > (std::numeric_limits<std::int64_t>::max() - digit) / 10)
                return fail_at(start, "dimension in 'shape' does not fit in int64");
            v = v * 10 + digit;
            ++pos_;
        }
        take('L');  // Python 2 long suffix, written by old numpy versions
        out = v;
        return status::ok();
    }

    status parse_shape(std::vector<std::int64_t>& shape) {
        if (!take('(')) return fail("'shape' must be a tuple, e.g. (2, 3) or (3,) or ()");
        bool trailing_comma = false;
        for (;;) {
            skip_space();
            if (take(')')) break;
            if (shape.size() == k_max_rank) return fail("'shape' has more than 64 dimensions");
            std::int64_t d = 0;
            FLATNN_TRY(parse_dim(d));
            shape.push_back(d);
            skip_space();
            trailing_comma = take(',');
            if (trailing_comma) continue;
            skip_space();
            if (take(')')) break;
            return fail("expected ',' or ')' in 'shape'");
        }
        // Python reads "(3)" as the integer 3, not a tuple: numpy rejects it, so do we.
        if (shape.size() == 1 && !trailing_comma) return fail("'shape' (n) is not a tuple: a 1-tuple is written (n,)");
        return status::ok();
    }

    std::string_view text_;
    std::size_t base_;
    std::size_t pos_ = 0;
};

inline std::uint32_t read_le(const std::uint8_t* p, int n) {
    std::uint32_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

}  // namespace detail

// Reads and checks the header; the data must lie wholly inside the buffer (trailing bytes are tolerated, as
// numpy does).
inline result<header> parse_header(const std::uint8_t* data, std::size_t size) {
    static const std::uint8_t magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (data == nullptr && size != 0) return status::error("npy: null buffer");
    if (size < 6 || std::memcmp(data, magic, 6) != 0)
        return detail::error_at(0, "bad magic: an .npy file starts with \\x93NUMPY");
    if (size < 8) return detail::error_at(6, "file ends inside the format version");
    header h;
    const int major = data[6], minor = data[7];
    if ((major != 1 && major != 2 && major != 3) || minor != 0)
        return detail::error_at(6, "unsupported format version " + std::to_string(major) + "." + std::to_string(minor) +
                                       " (supported: 1.0, 2.0, 3.0)");
    h.major_version = major;
    const int len_bytes = major == 1 ? 2 : 4;
    const std::size_t header_start = 8 + static_cast<std::size_t>(len_bytes);
    if (size < header_start) return detail::error_at(8, "file ends inside the header length field");
    const std::size_t header_len = detail::read_le(data + 8, len_bytes);
    if (header_len > size - header_start)
        return detail::error_at(8, "header length " + std::to_string(header_len) + " runs past the end of the file (" +
                                       std::to_string(size - header_start) + " bytes follow the length field)");
    const std::string_view text(reinterpret_cast<const char*>(data + header_start), header_len);
    detail::header_parser parser(text, header_start);
    FLATNN_TRY(parser.parse(h));

    const std::uint64_t elem = element_size(h.type);
    std::uint64_t count = 1;
    for (std::size_t i = 0; i < h.shape.size(); ++i) {
        const auto d = static_cast<std::uint64_t>(h.shape[i]);
        if (d != 0 && count > std::numeric_limits<std::uint64_t>::max() / d)
            return detail::error_at(header_start, "element count overflows at shape dimension " + std::to_string(i));
        count *= d;
    }
    if (count > std::numeric_limits<std::uint64_t>::max() / elem)
        return detail::error_at(header_start, "data size (element count x element size) overflows");
    const std::uint64_t data_size = count * elem;
    h.data_offset = header_start + header_len;
    const std::uint64_t available = size - h.data_offset;
    if (data_size > available)
        return detail::error_at(h.data_offset, "data is truncated: shape needs " + std::to_string(data_size) +
                                                   " bytes but " + std::to_string(available) + " remain");
    h.element_count = count;
    h.data_size = static_cast<std::size_t>(data_size);  // fits: it is at most the buffer size
    return h;
}

inline result<array_view> view(const std::uint8_t* data, std::size_t size) {
    auto h = parse_header(data, size);
    if (!h) return h.error();
    array_view v;
    v.type = h->type;
    v.shape = std::move(h->shape);
    v.data = data + h->data_offset;
    v.size_bytes = h->data_size;
    return v;
}

inline result<array> read(const std::uint8_t* data, std::size_t size) {
    auto v = view(data, size);
    if (!v) return v.error();
    array a;
    a.type = v->type;
    a.shape = std::move(v->shape);
    a.bytes.assign(v->data, v->data + v->size_bytes);
    return a;
}

inline result<std::vector<std::uint8_t>> read_file_bytes(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return status::error("npy: cannot open '" + path + "' for reading");
    std::vector<std::uint8_t> bytes;
    std::uint8_t chunk[65536];
    for (;;) {
        const std::size_t n = std::fread(chunk, 1, sizeof chunk, f);
        bytes.insert(bytes.end(), chunk, chunk + n);
        if (n < sizeof chunk) break;
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return status::error("npy: read error on '" + path + "'");
    return bytes;
}

inline result<array> load(const std::string& path) {
    auto bytes = read_file_bytes(path);
    if (!bytes) return bytes.error();
    auto a = read(bytes->data(), bytes->size());
    if (!a) return status::error(a.error().message() + " (file '" + path + "')");
    return a;
}

// Writes the layout numpy's np.save writes: the header is padded with spaces so that the data starts at a
// multiple of 64 bytes, with room for the first dimension to grow to 21 digits; version 2.0 only when 1.0's
// 16-bit header length cannot hold it.
inline result<std::vector<std::uint8_t>> encode(dtype type, const std::vector<std::int64_t>& shape, const void* data,
                                                std::size_t size_bytes) {
    if (shape.size() > detail::k_max_rank) return status::error("npy: encode: shape has more than 64 dimensions");
    std::uint64_t count = 1;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] < 0) return status::error("npy: encode: shape dimension " + std::to_string(i) + " is negative");
        const auto d = static_cast<std::uint64_t>(shape[i]);
        if (d != 0 && count > std::numeric_limits<std::uint64_t>::max() / d)
            return status::error("npy: encode: element count overflows");
        count *= d;
    }
    const std::uint64_t elem = element_size(type);
    if (count > std::numeric_limits<std::uint64_t>::max() / elem || count * elem != size_bytes)
        return status::error("npy: encode: data has " + std::to_string(size_bytes) + " bytes but the shape needs " +
                             std::to_string(count) + " elements of " + std::to_string(elem) + " bytes");
    if (size_bytes != 0 && data == nullptr) return status::error("npy: encode: null data");

    std::string dict = "{'descr': '" + descr_of(type) + "', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i != 0) dict += ", ";
        dict += std::to_string(shape[i]);
    }
    dict += shape.size() == 1 ? ",), }" : "), }";
    if (!shape.empty()) dict.append(21 - std::to_string(shape[0]).size(), ' ');

    constexpr std::size_t align = 64;
    int version = 1;
    std::size_t prefix = 10;
    std::size_t unpadded = dict.size() + 1;  // + '\n'
    std::size_t pad = align - (prefix + unpadded) % align;
    if (unpadded + pad > 0xffff) {
        version = 2;
        prefix = 12;
        pad = align - (prefix + unpadded) % align;
    }
    const std::size_t header_len = unpadded + pad;
    if (header_len > 0xffffffffu) return status::error("npy: encode: header too long");

    std::vector<std::uint8_t> out;
    out.reserve(prefix + header_len + size_bytes);
    const std::uint8_t magic[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<std::uint8_t>(version), 0};
    out.insert(out.end(), magic, magic + 8);
    for (std::size_t i = 0; i < prefix - 8; ++i) out.push_back(static_cast<std::uint8_t>(header_len >> (8 * i)));
    out.insert(out.end(), dict.begin(), dict.end());
    out.insert(out.end(), pad, ' ');
    out.push_back('\n');
    const auto* p = static_cast<const std::uint8_t*>(data);
    if (size_bytes != 0) out.insert(out.end(), p, p + size_bytes);
    return out;
}

inline result<std::vector<std::uint8_t>> encode(const array& a) {
    return encode(a.type, a.shape, a.bytes.data(), a.bytes.size());
}

inline status save(const std::string& path, dtype type, const std::vector<std::int64_t>& shape, const void* data,
                   std::size_t size_bytes) {
    auto bytes = encode(type, shape, data, size_bytes);
    if (!bytes) return bytes.error();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return status::error("npy: cannot open '" + path + "' for writing");
    const std::size_t n = std::fwrite(bytes->data(), 1, bytes->size(), f);
    const bool closed = std::fclose(f) == 0;
    if (n != bytes->size() || !closed) return status::error("npy: write error on '" + path + "'");
    return status::ok();
}

inline status save(const std::string& path, const array& a) {
    return save(path, a.type, a.shape, a.bytes.data(), a.bytes.size());
}

}  // namespace flatnn::npy
