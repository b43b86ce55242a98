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
// and optionally
//   status planned(const plan_view&);                // after every node is prepared and the arena planned
// which lets a backend that runs groups of nodes (a GPU command buffer) see the whole plan once per allocate().
//   status fuse(const plan_view&);                   // after every node is prepared, before the arena is planned
// which lets a backend run a node's work inside a later node's kernel (a convolution computed row by row into the
// depthwise convolution that alone reads it): it sets node::fused_into and node::fused_reads (see node.hpp), and
// the arena keeps fused_reads alive until the fusing node has run. offsets and in_arena are null there.
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

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

// The finished plan, as planned() sees it: every node (node::backend says who runs it), the graph's inputs and
// outputs, each tensor's arena offset (valid where in_arena is set) and the arena size.
struct plan_view {
    std::vector<node>* nodes = nullptr;
    const std::vector<int32_t>* graph_inputs = nullptr;
    const std::vector<int32_t>* graph_outputs = nullptr;
    const std::vector<size_t>* offsets = nullptr;
    const std::vector<uint8_t>* in_arena = nullptr;
    size_t arena_bytes = 0;
    int backend = -1;  // the index of the backend being called, as in node::backend
    bool keep_all_tensors = false;  // interpreter_options::keep_all_tensors: the host must see every tensor
};

template <class B, class = void>
struct has_fuse : std::false_type {};
template <class B>
struct has_fuse<B, std::void_t<decltype(std::declval<B&>().fuse(std::declval<const plan_view&>()))>> : std::true_type {};

template <class B, class = void>
struct has_planned : std::false_type {};
template <class B>
struct has_planned<B, std::void_t<decltype(std::declval<B&>().planned(std::declval<const plan_view&>()))>>
    : std::true_type {};

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
    status (*planned)(void*, const plan_view&) = nullptr;  // optional
    status (*fuse)(void*, const plan_view&) = nullptr;     // optional
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
    if constexpr (has_planned<B>::value)
        r.planned = [](void* s, const plan_view& p) { return static_cast<B*>(s)->planned(p); };
    if constexpr (has_fuse<B>::value)
        r.fuse = [](void* s, const plan_view& p) { return static_cast<B*>(s)->fuse(p); };
    return r;
}

}  // namespace flatnn
