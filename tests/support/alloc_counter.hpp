#pragma once
#include <atomic>

namespace flatnn::test {
extern std::atomic<long> allocation_count;
inline long allocations() { return allocation_count.load(std::memory_order_relaxed); }
}  // namespace flatnn::test
