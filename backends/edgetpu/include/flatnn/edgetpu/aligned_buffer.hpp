#pragma once
// An owned byte buffer whose start is aligned to a page (4096 bytes): the Edge TPU package is copied into one,
// because each executable, and its parameters, start on a 4096-byte boundary relative to the package start.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>

namespace flatnn::edgetpu {

inline constexpr size_t package_alignment = 4096;

class aligned_buffer {
public:
    aligned_buffer() = default;
    // Copies `size` bytes; an empty buffer on allocation failure (check data()).
    aligned_buffer(const uint8_t* src, size_t size) : size_(size) {
        void* p = ::operator new(size ? size : 1, std::align_val_t(package_alignment), std::nothrow);
        data_.reset(static_cast<uint8_t*>(p));
        if (data_ && size) std::memcpy(data_.get(), src, size);
        if (!data_) size_ = 0;
    }
    const uint8_t* data() const noexcept { return data_.get(); }
    size_t size() const noexcept { return size_; }

private:
    struct release {
        void operator()(uint8_t* p) const noexcept { ::operator delete(p, std::align_val_t(package_alignment)); }
    };
    std::unique_ptr<uint8_t, release> data_;
    size_t size_ = 0;
};

}  // namespace flatnn::edgetpu
