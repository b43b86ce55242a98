// Counts heap allocations of the whole test program, so tests can prove invoke() allocates nothing.
#include <atomic>
#include <cstdlib>
#include <new>

#include "support/alloc_counter.hpp"

namespace flatnn::test {
std::atomic<long> allocation_count{0};
}

void* operator new(std::size_t n) {
    flatnn::test::allocation_count.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
    flatnn::test::allocation_count.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
