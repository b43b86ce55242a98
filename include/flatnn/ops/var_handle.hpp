#pragma once
// VAR_HANDLE: the resource tensor naming variable (container, shared_name) of the interpreter's variable store.
#include <cstring>

#include "flatnn/ops/subgraph_call.hpp"

namespace flatnn::ops {

struct var_handle_data : node_data {
    int32_t id = -1;
};

inline status var_handle_invoke(node& n) {
    const int32_t id = n.get<var_handle_data>().id;
    std::memcpy(n.out(0).data, &id, sizeof id);
    return status::ok();
}

inline status prepare_var_handle(node& n) {
    namespace f = schema::var_handle_options_field;
    FLATNN_TRY(expect_graph(n));
    FLATNN_TRY(expect_io(n, 0, 0, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::var_handle_options));
    FLATNN_TRY(expect_type(n, n.out(0), dtype::resource, "output"));
    const bool has = n.op->options.valid() && n.op->options_type != 0;
    const std::string_view container = has ? n.op->options.string(f::container) : std::string_view();
    const std::string_view shared_name = has ? n.op->options.string(f::shared_name) : std::string_view();
    variable_store& vars = n.graph->variables();
    const int32_t id = vars.find_or_add(container, shared_name);
    n.out(0).dims = shape{1};
    vars.bind(&n.out(0), id);
    n.emplace<var_handle_data>().id = id;
    n.invoke = var_handle_invoke;
    return status::ok();
}

// The variable a resource tensor names at invoke, checked against what prepare saw.
inline status variable_at_invoke(const node& n, const tensor& resource, variable_store& vars, dtype type,
                                 const shape& dims, variable_store::variable*& out) {
    int32_t id = -1;
    std::memcpy(&id, resource.data, sizeof id);
    if (id < 0 || size_t(id) >= vars.size()) return n.fail("resource tensor holds no variable id (" + std::to_string(id) + ")");
    variable_store::variable& v = vars.at(id);
    if (!v.declared || v.type != type || v.dims != dims)
        return n.fail("variable " + v.label() + " is not the " + std::string(dtype_name(type)) + " " + dims.str() +
                      " variable prepared for this op");
    out = &v;
    return status::ok();
}

// The variable a resource input names at prepare (VAR_HANDLE outputs and the callee inputs they feed).
inline status bound_variable(const node& n, size_t input, int32_t& id) {
    FLATNN_TRY(expect_type(n, n.in(input), dtype::resource, "resource (input 0)"));
    if (n.in(input).num_elements() < 1) return n.fail("resource (input 0) is empty");
    id = n.graph->variables().bound_id(&n.in(input));
    if (id < 0)
        return n.fail("resource tensor " + std::to_string(n.in(input).index) + " '" + std::string(n.in(input).name) +
                      "' does not come from a VAR_HANDLE of this model");
    return status::ok();
}

}  // namespace flatnn::ops
