#pragma once
// Structural verification of a FlatBuffer against a table description, before anything reads it.
// Every offset, vtable and vector is bounds-checked; an error names the path (Model.subgraphs[0].tensors[7].shape)
// and the byte offset in the file.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "flatnn/core/status.hpp"
#include "flatnn/model/fb_reader.hpp"

namespace flatnn::fb {

struct union_desc;

// Fields of a table in id order, as space-separated tokens: one kind character followed by the field name.
// Kinds: 1 2 4 8 inline scalar of that many bytes, followed by a type letter (i signed, u unsigned, f float,
// b bool, e enum); s string; B H I L vector of 1/2/4/8-byte scalars;
// S vector of strings; T table; V vector of tables; U union value (its tag is the previous field);
// - a field the reader never reads (deprecated): only its presence inside the table is checked.
// T, V and U take their description from `subs`, in order of appearance.
struct table_desc {
    const char* name;
    const char* fields;
    const void* const* subs;
};

struct union_desc {
    const char* name;
    unsigned count;                       // tags 1..count-1 are known, 0 = NONE
    const table_desc* const* members;     // members[tag]; nullptr for unknown or field-less tables
};

struct verifier_limits {
    unsigned max_depth = 64;
    uint64_t max_tables = 1u << 24;
};

class verifier {
public:
    verifier(const uint8_t* data, size_t size, verifier_limits limits = {}) noexcept
        : data_(data), size_(size), limits_(limits) {}

    // Verifies the root table at the start of the buffer.
    status verify_root(const table_desc& root_desc, const char* identifier) {
        if (size_ < 8)
            return status::error("file is " + std::to_string(size_) + " bytes: too short for a FlatBuffer (needs at least 8)");
        if (identifier && std::memcmp(data_ + 4, identifier, 4) != 0)
            return status::error(std::string("wrong file identifier at byte 4: expected \"") + identifier +
                                 "\" (is this a .tflite file?)");
        const uint64_t root = load<uint32_t>(data_);
        if (!verify_table(root, root_desc)) return status::error(message_);
        return status::ok();
    }

    // Verifies one table at byte position `pos` (used for tables reached outside the root description).
    status verify_at(uint64_t pos, const table_desc& desc, const std::string& where) {
        base_path_ = where;
        if (!verify_table(pos, desc)) return status::error(message_);
        return status::ok();
    }

private:
    struct frame {
        const char* table;
        const char* field;
        size_t field_len;
        int64_t index;  // -1: not a vector element
    };

    const uint8_t* data_;
    size_t size_;
    verifier_limits limits_;
    uint64_t tables_ = 0;
    unsigned depth_ = 0;
    frame path_[72] = {};
    std::string base_path_;
    std::string message_;

    bool in_bounds(uint64_t pos, uint64_t len) const noexcept { return pos <= size_ && len <= size_ - pos; }

    std::string path() const {
        std::string p = base_path_.empty() && depth_ ? std::string(path_[0].table) : base_path_;
        for (unsigned i = 0; i < depth_; ++i) {
            p += '.';
            p.append(path_[i].field, path_[i].field_len);
            if (path_[i].index >= 0) p += '[' + std::to_string(path_[i].index) + ']';
        }
        return p;
    }

    bool fail(const std::string& what, uint64_t at) {
        message_ = "invalid FlatBuffer: " + (depth_ ? path() + ": " : std::string()) + what + " (at byte " +
                   std::to_string(at) + " of " + std::to_string(size_) + ")";
        return false;
    }

    // Reads the uoffset stored at `at` and returns the absolute target, checking it lies in the buffer.
    bool follow(uint64_t at, uint64_t& target, const char* what) {
        if (!in_bounds(at, 4)) return fail(std::string("offset to ") + what + " lies outside the file", at);
        target = at + load<uint32_t>(data_ + at);
        if (target >= size_) return fail(std::string(what) + " offset points past the end of the file", at);
        return true;
    }

    bool verify_vector(uint64_t at, uint64_t elem_size, uint64_t& start, uint32_t& count) {
        uint64_t v = 0;
        if (!follow(at, v, "vector")) return false;
        if (!in_bounds(v, 4)) return fail("vector length lies outside the file", v);
        count = load<uint32_t>(data_ + v);
        if (!in_bounds(v + 4, uint64_t(count) * elem_size))
            return fail("vector of " + std::to_string(count) + " elements of " + std::to_string(elem_size) +
                            " bytes extends past the end of the file",
                        v);
        start = v + 4;
        return true;
    }

    bool verify_string(uint64_t at) {
        uint64_t s = 0;
        if (!follow(at, s, "string")) return false;
        if (!in_bounds(s, 4)) return fail("string length lies outside the file", s);
        const uint32_t len = load<uint32_t>(data_ + s);
        if (!in_bounds(s + 4, uint64_t(len) + 1)) return fail("string extends past the end of the file", s);
        if (data_[s + 4 + len] != 0) return fail("string is not NUL-terminated", s + 4 + len);
        return true;
    }

    bool verify_table(uint64_t pos, const table_desc& desc) {
        if (++tables_ > limits_.max_tables) return fail("more tables than the verifier limit", pos);
        if (depth_ >= limits_.max_depth || depth_ >= sizeof(path_) / sizeof(path_[0]))
            return fail("tables nested deeper than the verifier limit", pos);
        if (!in_bounds(pos, 4)) return fail(std::string(desc.name) + " table lies outside the file", pos);
        const int64_t vt = int64_t(pos) - int64_t(load<int32_t>(data_ + pos));
        if (vt < 0 || !in_bounds(uint64_t(vt), 4))
            return fail(std::string(desc.name) + " vtable lies outside the file", pos);
        const uint16_t vt_size = load<uint16_t>(data_ + vt);
        const uint16_t inline_size = load<uint16_t>(data_ + vt + 2);
        if (vt_size < 4 || (vt_size & 1) || !in_bounds(uint64_t(vt), vt_size))
            return fail(std::string(desc.name) + " vtable size " + std::to_string(vt_size) + " is invalid", uint64_t(vt));
        if (inline_size < 4 || !in_bounds(pos, inline_size))
            return fail(std::string(desc.name) + " table of " + std::to_string(inline_size) +
                            " bytes extends past the end of the file",
                        pos);
        const unsigned n_slots = (vt_size - 4u) / 2u;

        const char* f = desc.fields;
        unsigned id = 0, sub = 0;
        uint8_t previous_tag = 0;
        while (f && *f) {
            while (*f == ' ') ++f;
            if (!*f) break;
            const char kind = *f++;
            if (kind >= '1' && kind <= '8' && *f) ++f;  // skip the scalar's type letter
            const char* name = f;
            while (*f && *f != ' ') ++f;
            const size_t name_len = size_t(f - name);
            const void* sub_desc = nullptr;
            if (kind == 'T' || kind == 'V' || kind == 'U') sub_desc = desc.subs[sub++];
            const uint16_t off = id < n_slots ? load<uint16_t>(data_ + vt + 4 + 2 * id) : 0;
            ++id;
            if (!off) {
                if (kind != 'U') previous_tag = 0;
                continue;
            }
            const uint64_t at = pos + off;
            const unsigned width = (kind >= '1' && kind <= '8') ? unsigned(kind - '0') : (kind == '-' ? 1u : 4u);
            path_[depth_] = frame{desc.name, name, name_len, -1};
            ++depth_;
            bool ok = true;
            if (off + uint64_t(width) > inline_size) {
                ok = fail("field lies outside its table", at);
            } else {
                switch (kind) {
                    case '1': previous_tag = data_[at]; break;
                    case '2': case '4': case '8': case '-': break;
                    case 's': ok = verify_string(at); break;
                    case 'B': case 'H': case 'I': case 'L': {
                        uint64_t start; uint32_t count;
                        const unsigned es = kind == 'B' ? 1 : kind == 'H' ? 2 : kind == 'I' ? 4 : 8;
                        ok = verify_vector(at, es, start, count);
                        break;
                    }
                    case 'S': {
                        uint64_t start; uint32_t count;
                        ok = verify_vector(at, 4, start, count);
                        for (uint32_t i = 0; ok && i < count; ++i) {
                            path_[depth_ - 1].index = i;
                            ok = verify_string(start + 4ull * i);
                        }
                        break;
                    }
                    case 'T': {
                        uint64_t t;
                        ok = follow(at, t, "table") && verify_table(t, *static_cast<const table_desc*>(sub_desc));
                        break;
                    }
                    case 'V': {
                        uint64_t start; uint32_t count;
                        ok = verify_vector(at, 4, start, count);
                        for (uint32_t i = 0; ok && i < count; ++i) {
                            path_[depth_ - 1].index = i;
                            uint64_t t;
                            ok = follow(start + 4ull * i, t, "table") &&
                                 verify_table(t, *static_cast<const table_desc*>(sub_desc));
                        }
                        break;
                    }
                    case 'U': {
                        const auto* u = static_cast<const union_desc*>(sub_desc);
                        uint64_t t;
                        ok = follow(at, t, "union member");
                        if (ok && previous_tag == 0) ok = fail(std::string(u->name) + " value present with tag NONE", at);
                        if (ok) {
                            const table_desc* member = previous_tag < u->count ? u->members[previous_tag] : nullptr;
                            static const table_desc unknown{"(unknown union member)", "", nullptr};
                            ok = verify_table(t, member ? *member : unknown);
                        }
                        break;
                    }
                    default: ok = fail(std::string("internal: bad field kind in ") + desc.name, at);
                }
            }
            --depth_;
            if (!ok) return false;
            if (kind != '1') previous_tag = 0;
        }
        return true;
    }
};

}  // namespace flatnn::fb
