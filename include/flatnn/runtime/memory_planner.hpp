#pragma once
// Static arena plan: each non-constant tensor lives from the step that writes it to the last step that reads it.
// Tensors are placed largest first at the lowest offset that does not overlap a tensor alive at the same time
// (the greedy-by-size strategy of TFLite Micro's planner).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace flatnn {

struct buffer_request {
    size_t bytes = 0;
    int32_t first = 0;  // first step that needs the buffer
    int32_t last = 0;   // last step that needs it (inclusive)
    size_t offset = 0;  // output: position in the arena
};

inline constexpr size_t arena_alignment = 64;

inline size_t align_up(size_t v, size_t a) noexcept { return (v + a - 1) / a * a; }

// Assigns offsets; returns the arena size needed.
inline size_t plan_arena(std::vector<buffer_request>& requests) {
    std::vector<size_t> order(requests.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return requests[a].bytes > requests[b].bytes; });
    std::vector<size_t> placed;
    placed.reserve(requests.size());
    std::vector<std::pair<size_t, size_t>> busy;  // [begin, end) of live neighbours, sorted by begin
    size_t arena = 0;
    for (size_t idx : order) {
        buffer_request& r = requests[idx];
        const size_t need = align_up(r.bytes ? r.bytes : 1, arena_alignment);
        busy.clear();
        for (size_t p : placed) {
            const buffer_request& o = requests[p];
            if (o.first <= r.last && r.first <= o.last)
                busy.emplace_back(o.offset, o.offset + align_up(o.bytes ? o.bytes : 1, arena_alignment));
        }
        std::sort(busy.begin(), busy.end());
        size_t candidate = 0;
        for (const auto& b : busy) {
            if (candidate + need <= b.first) break;
            candidate = std::max(candidate, b.second);
        }
        r.offset = candidate;
        arena = std::max(arena, candidate + need);
        placed.push_back(idx);
    }
    return arena;
}

}  // namespace flatnn
