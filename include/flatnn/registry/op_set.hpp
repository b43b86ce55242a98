#pragma once
// Resolvers restricted to a chosen set of ops. A program that only runs known models lists their ops:
//   auto resolver = flatnn::make_op_resolver<flatnn::op::conv_2d, flatnn::op::softmax>();
// and only those ops' prepare functions and kernels are compiled (and linked): with
// FLATNN_NO_DEFAULT_RESOLVER defined, nothing else refers to the other ops' code. One tag type per entry of
// registry/op_list.hpp, named by its file stem, in namespace flatnn::op.
#include "flatnn/registry/builtin_ops.hpp"
#include "flatnn/registry/op_list.hpp"
#include "flatnn/registry/op_resolver.hpp"

namespace flatnn {
namespace op {

#define FLATNN_OP_TAG_BUILTIN(NAME, stem, forms)                                                 \
    struct stem {                                                                              \
        static void add_to(op_resolver& r) { r.add_builtin(schema::builtin_op::stem, &ops::prepare_##stem); } \
    };
#define FLATNN_OP_TAG_CUSTOM(NAME, stem)                                                       \
    struct stem {                                                                              \
        static void add_to(op_resolver& r) { r.add_custom(NAME, &ops::prepare_##stem); }      \
    };
FLATNN_BUILTIN_OP_LIST(FLATNN_OP_TAG_BUILTIN)
FLATNN_CUSTOM_OP_LIST(FLATNN_OP_TAG_CUSTOM)
#undef FLATNN_OP_TAG_BUILTIN
#undef FLATNN_OP_TAG_CUSTOM

}  // namespace op

// A resolver with exactly the listed ops. It keeps the list in its type, so that a backend built from it compiles
// only those ops' kernels too (cpu_backend: only their SIMD kernels); it converts to a plain op_resolver.
template <class... Ops>
class op_set : public op_resolver {
public:
    op_set() { (Ops::add_to(*this), ...); }
};

// A resolver with exactly the listed ops (tags of namespace flatnn::op); add custom ops to it as usual. Keep its
// type (`const auto resolver = ...`) for a cpu_backend that compiles only these ops' SIMD kernels.
template <class... Ops>
op_set<Ops...> make_op_resolver() {
    return op_set<Ops...>();
}

}  // namespace flatnn
