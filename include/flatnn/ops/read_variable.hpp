#pragma once
// READ_VARIABLE: copies a resource variable's value. Its type and shape come from the first ASSIGN_VARIABLE
// prepared (usually in CALL_ONCE's init subgraph, prepared before); reading a variable before anything has
// assigned it fails at invoke.
#include <cstring>

#include "flatnn/ops/var_handle.hpp"

namespace flatnn::ops {

inline status read_variable_invoke(node& n) {
    variable_store::variable* v = nullptr;
    FLATNN_TRY(variable_at_invoke(n, n.in(0), n.graph->variables(), n.out(0).type, n.out(0).dims, v));
    if (!v->assigned) return n.fail("variable " + v->label() + " is read before any value was assigned");
    if (!v->value.empty()) std::memcpy(n.out(0).data, v->value.data(), v->value.size());
    return status::ok();
}

inline status prepare_read_variable(node& n) {
    FLATNN_TRY(expect_graph(n));
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    int32_t id = -1;
    FLATNN_TRY(bound_variable(n, 0, id));
    const variable_store::variable& v = n.graph->variables().at(id);
    if (!v.declared)
        return n.fail("variable " + v.label() + " is read before any ASSIGN_VARIABLE gives it a type and shape");
    if (n.out(0).type != v.type)
        return n.fail("output is " + std::string(dtype_name(n.out(0).type)) + ", variable " + v.label() + " " +
                      dtype_name(v.type));
    n.out(0).dims = v.dims;
    n.invoke = read_variable_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
