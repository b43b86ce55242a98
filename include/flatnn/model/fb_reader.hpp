#pragma once
// Minimal FlatBuffers table reader. It reads through memcpy (no alignment assumption) and trusts its input:
// only use it on bytes that fb_verifier.hpp accepted. No generated code, so no pinned flatbuffers version.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace flatnn::fb {

template <class T>
inline T load(const uint8_t* p) noexcept {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

// Any nonzero byte is true (a bool object holding another byte value would be undefined behaviour).
template <>
inline bool load<bool>(const uint8_t* p) noexcept {
    return *p != 0;
}

// A vector of scalars inside the buffer: count + pointer to little-endian elements.
template <class T>
struct scalar_vector {
    const uint8_t* data = nullptr;
    uint32_t count = 0;
    uint32_t size() const noexcept { return count; }
    bool empty() const noexcept { return count == 0; }
    T operator[](uint32_t i) const noexcept { return load<T>(data + size_t(i) * sizeof(T)); }
};

class table {
public:
    table() = default;
    table(const uint8_t* base, uint32_t pos) noexcept : base_(base), pos_(pos) {
        vtable_ = uint32_t(int64_t(pos) - load<int32_t>(base + pos));
        vtable_size_ = load<uint16_t>(base + vtable_);
    }
    bool valid() const noexcept { return base_ != nullptr; }
    uint32_t offset() const noexcept { return pos_; }  // byte offset of the table in the file
    const uint8_t* base() const noexcept { return base_; }

    // Byte offset of field `id` from the table start, or 0 when absent.
    uint16_t field_offset(int id) const noexcept {
        const uint32_t slot = 4u + 2u * uint32_t(id);
        if (!base_ || slot + 2 > vtable_size_) return 0;
        return load<uint16_t>(base_ + vtable_ + slot);
    }
    bool has(int id) const noexcept { return field_offset(id) != 0; }

    template <class T>
    T scalar(int id, T default_value) const noexcept {
        const uint16_t o = field_offset(id);
        return o ? load<T>(base_ + pos_ + o) : default_value;
    }
    // Absolute position of the object an offset field points to, or 0 when absent.
    uint32_t target(int id) const noexcept {
        const uint16_t o = field_offset(id);
        if (!o) return 0;
        const uint32_t at = pos_ + o;
        return at + load<uint32_t>(base_ + at);
    }
    table subtable(int id) const noexcept {
        const uint32_t t = target(id);
        return t ? table(base_, t) : table();
    }
    std::string_view string(int id) const noexcept {
        const uint32_t t = target(id);
        if (!t) return {};
        return std::string_view(reinterpret_cast<const char*>(base_ + t + 4), load<uint32_t>(base_ + t));
    }
    template <class T>
    scalar_vector<T> vector(int id) const noexcept {
        const uint32_t t = target(id);
        if (!t) return {};
        return scalar_vector<T>{base_ + t + 4, load<uint32_t>(base_ + t)};
    }
    uint32_t vector_size(int id) const noexcept {
        const uint32_t t = target(id);
        return t ? load<uint32_t>(base_ + t) : 0;
    }
    // Element i of a vector of tables.
    table table_at(int id, uint32_t i) const noexcept {
        const uint32_t slot = target(id) + 4 + 4 * i;
        return table(base_, slot + load<uint32_t>(base_ + slot));
    }
    std::string_view string_at(int id, uint32_t i) const noexcept {
        const uint32_t slot = target(id) + 4 + 4 * i;
        const uint32_t s = slot + load<uint32_t>(base_ + slot);
        return std::string_view(reinterpret_cast<const char*>(base_ + s + 4), load<uint32_t>(base_ + s));
    }

private:
    const uint8_t* base_ = nullptr;
    uint32_t pos_ = 0;
    uint32_t vtable_ = 0;
    uint16_t vtable_size_ = 0;
};

inline table root(const uint8_t* data) noexcept { return table(data, load<uint32_t>(data)); }

}  // namespace flatnn::fb
