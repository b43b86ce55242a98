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
// The nothrow forms too (std::stable_sort's temporary buffer uses them): every new above must pair with the
// delete here, which AddressSanitizer checks.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    flatnn::test::allocation_count.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    flatnn::test::allocation_count.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(n ? n : 1);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
