#pragma once
// 64-byte aligned vectors for packed weights, biases and parameter tables: a 512-bit load or an AMX tile row then
// reads one cache line, not two. (std::vector's 16-byte alignment left it to the heap: MobileNet v1 int8's
// weight-heavy AMX layers ran 30% slower when an unrelated change moved the allocations.)
#include <cstddef>
#include <vector>

#include "flatnn/core/page_alloc.hpp"

namespace flatnn::cpu {

// Aligned storage through C++17 aligned new (xsimd's allocator throws, and the library builds with -fno-exceptions);
// large buffers on huge pages (flatnn/core/page_alloc.hpp).
template <class T, size_t Align>
struct aligned_allocator {
    using value_type = T;
    template <class U>
    struct rebind {
        using other = aligned_allocator<U, Align>;
    };
    aligned_allocator() noexcept = default;
    template <class U>
    aligned_allocator(const aligned_allocator<U, Align>&) noexcept {}
    T* allocate(size_t n) { return static_cast<T*>(allocate_aligned(n * sizeof(T), Align)); }
    void deallocate(T* p, size_t n) noexcept { free_aligned(p, n * sizeof(T), Align); }
    friend bool operator==(const aligned_allocator&, const aligned_allocator&) noexcept { return true; }
    friend bool operator!=(const aligned_allocator&, const aligned_allocator&) noexcept { return false; }
};

template <class T>
using aligned_vector = std::vector<T, aligned_allocator<T, 64>>;

}  // namespace flatnn::cpu
