#pragma once
// ASSIGN_VARIABLE: stores input 1 in the variable input 0 names. The first one prepared fixes the variable's
// type and shape (and sizes its storage); every later assignment must match.
#include <cstring>

#include "flatnn/ops/var_handle.hpp"

namespace flatnn::ops {

inline status assign_variable_invoke(node& n) {
    variable_store::variable* v = nullptr;
    FLATNN_TRY(variable_at_invoke(n, n.in(0), n.graph->variables(), n.in(1).type, n.in(1).dims, v));
    if (!v->value.empty()) std::memcpy(v->value.data(), n.in(1).data, v->value.size());
    v->assigned = true;
    return status::ok();
}

inline status prepare_assign_variable(node& n) {
    FLATNN_TRY(expect_graph(n));
    FLATNN_TRY(expect_io(n, 2, 2, 0));
    if (!n.inputs[0] || !n.inputs[1]) return n.fail("takes a resource and a value; one is omitted (-1)");
    int32_t id = -1;
    FLATNN_TRY(bound_variable(n, 0, id));
    if (status s = n.graph->variables().declare(id, n.in(1).type, n.in(1).dims, n.max_scratch_bytes); !s)
        return n.fail(s.message());
    n.invoke = assign_variable_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
