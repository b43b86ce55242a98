#pragma once
// The backend trait. A backend says which nodes it claims, prepares them (chooses kernels, uploads weights)
// and runs them. The interpreter assigns each node to the first backend, in the user's priority order, that
// claims it; the CPU backend comes last and claims every node it has a kernel for.
//
// A type B is a backend when it has:
//   static constexpr const char* name;
//   bool claims(const node&) const;                  // may run this node
//   std::string why_not(const node&) const;          // why it does not claim it (for inspect)
//   status prepare(node&);                           // chooses the kernel, computes parameters
//   status invoke(node&);                            // runs the node; no allocation on the CPU path
#include <string>
#include <type_traits>
#include <utility>

#include "flatnn/core/status.hpp"
#include "flatnn/runtime/node.hpp"

namespace flatnn {

template <class B, class = void>
struct is_backend : std::false_type {};
template <class B>
struct is_backend<B, std::void_t<decltype(B::name), decltype(std::declval<const B&>().claims(std::declval<const node&>())),
                                 decltype(std::declval<const B&>().why_not(std::declval<const node&>())),
                                 decltype(std::declval<B&>().prepare(std::declval<node&>())),
                                 decltype(std::declval<B&>().invoke(std::declval<node&>()))>>
    : std::bool_constant<std::is_same_v<decltype(std::declval<B&>().prepare(std::declval<node&>())), status> &&
                         std::is_same_v<decltype(std::declval<B&>().invoke(std::declval<node&>())), status> &&
                         std::is_convertible_v<decltype(std::declval<const B&>().claims(std::declval<const node&>())), bool>> {};

#if __cplusplus >= 202002L
template <class B>
concept backend = is_backend<B>::value;
#endif

// Type-erased reference to a backend object the caller owns.
struct backend_ref {
    void* self = nullptr;
    const char* name = "";
    bool (*claims)(const void*, const node&) = nullptr;
    std::string (*why_not)(const void*, const node&) = nullptr;
    status (*prepare)(void*, node&) = nullptr;
    status (*invoke)(void*, node&) = nullptr;
};

template <class B>
backend_ref make_backend_ref(B& b) {
    static_assert(is_backend<B>::value, "B does not implement the backend trait (see flatnn/backend/backend.hpp)");
    backend_ref r;
    r.self = &b;
    r.name = B::name;
    r.claims = [](const void* s, const node& n) { return static_cast<const B*>(s)->claims(n); };
    r.why_not = [](const void* s, const node& n) { return static_cast<const B*>(s)->why_not(n); };
    r.prepare = [](void* s, node& n) { return static_cast<B*>(s)->prepare(n); };
    r.invoke = [](void* s, node& n) { return static_cast<B*>(s)->invoke(n); };
    return r;
}

}  // namespace flatnn
