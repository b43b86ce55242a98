#pragma once
// Lays out a kernel's scratch regions in one caller-supplied buffer, with overflow-checked sizes.
#include <cstddef>
#include <limits>

namespace flatnn::reference {

inline constexpr size_t scratch_alignment = 16;

struct scratch_plan {
    size_t total = 0;
    bool overflow = false;
};

// Reserves count * elem bytes, rounded up to the alignment; returns the region's offset.
inline size_t reserve(scratch_plan& l, size_t count, size_t elem) {
    constexpr size_t limit = std::numeric_limits<size_t>::max() / 4;
    const size_t offset = l.total;
    if (count > limit / elem) {
        l.overflow = true;
        return offset;
    }
    const size_t bytes = (count * elem + scratch_alignment - 1) / scratch_alignment * scratch_alignment;
    if (bytes > limit - l.total) {
        l.overflow = true;
        return offset;
    }
    l.total += bytes;
    return offset;
}

}  // namespace flatnn::reference
