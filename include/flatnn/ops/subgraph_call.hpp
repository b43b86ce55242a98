#pragma once
// Shared by WHILE, IF and CALL_ONCE: creating callee instances through node::graph and moving tensor values
// between the caller's arena and a callee's.
#include <cstring>
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/runtime/graph_context.hpp"
#include "flatnn/runtime/variable_store.hpp"

namespace flatnn::ops {

inline status expect_graph(const node& n) {
    if (!n.graph) return n.fail("runs other subgraphs and needs an interpreter (node::graph is not set)");
    return status::ok();
}

// Both tensors have the same type and shape (checked in prepare): copies the bytes.
inline void copy_value(const tensor& from, tensor& to) noexcept {
    if (to.bytes && from.data != to.data) std::memcpy(to.data, from.data, to.bytes);
}

// A bool tensor's value, read as a byte: a caller's byte other than 0 or 1 is true, not undefined behaviour.
inline bool truth(const tensor& flag) noexcept { return flag.data[0] != 0; }

inline bool same_type_and_shape(const tensor& a, const tensor& b) noexcept {
    return a.type == b.type && a.dims == b.dims;
}

// A resource tensor passed into a callee keeps naming the same variable there (READ_VARIABLE needs its shape).
inline void bind_resource(variable_store& vars, const tensor& from, const tensor& to) {
    if (from.type != dtype::resource) return;
    const int32_t id = vars.bound_id(&from);
    if (id >= 0) vars.bind(&to, id);
}

inline std::string describe(const tensor& t) {
    return std::string(dtype_name(t.type)) + " " + t.dims.str();
}

}  // namespace flatnn::ops
