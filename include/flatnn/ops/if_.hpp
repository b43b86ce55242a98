#pragma once
// IF: input 0 is one bool; inputs 1.. go to the then or else subgraph, whose outputs become the op's outputs.
// Both branches are prepared with the caller's shapes and must give outputs of the same types and shapes
// (branches that disagree would need dynamic shapes, refused in prepare).
#include <string>

#include "flatnn/ops/subgraph_call.hpp"

namespace flatnn::ops {

struct if_data : node_data {
    child_graph* then_graph = nullptr;
    child_graph* else_graph = nullptr;
};

inline status if_invoke(node& n) {
    auto& d = n.get<if_data>();
    child_graph& g = truth(n.in(0)) ? *d.then_graph : *d.else_graph;
    for (size_t k = 1; k < n.inputs.size(); ++k) copy_value(n.in(k), g.child_input(k - 1));
    FLATNN_TRY(g.run_child());
    for (size_t k = 0; k < n.outputs.size(); ++k) copy_value(g.child_output(k), n.out(k));
    return status::ok();
}

inline status prepare_if_(node& n) {
    namespace f = schema::if_options_field;
    FLATNN_TRY(expect_graph(n));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::if_options));
    if (n.inputs.empty() || !n.inputs[0]) return n.fail("has no condition (input 0)");
    for (size_t k = 1; k < n.inputs.size(); ++k)
        if (!n.inputs[k]) return n.fail("input " + std::to_string(k) + " is omitted (-1)");
    if (n.in(0).type != dtype::boolean || n.in(0).num_elements() != 1)
        return n.fail("condition (input 0) is " + describe(n.in(0)) + ", not one bool");
    const size_t args = n.inputs.size() - 1;
    child_graph* branch[2] = {nullptr, nullptr};
    const int fields[2] = {f::then_subgraph_index, f::else_subgraph_index};
    const char* names[2] = {"then", "else"};
    variable_store& vars = n.graph->variables();
    for (int b = 0; b < 2; ++b) {
        auto g = n.graph->make_child(n, option<int32_t>(n, fields[b], 0));
        if (!g) return g.error();
        child_graph& c = **g;
        const std::string label = std::string(names[b]) + " subgraph " + std::to_string(c.subgraph_id());
        if (c.child_input_count() != args || c.child_output_count() != n.outputs.size())
            return n.fail(label + " has " + std::to_string(c.child_input_count()) + " inputs and " +
                          std::to_string(c.child_output_count()) + " outputs; the op gives " +
                          std::to_string(args) + " and takes " + std::to_string(n.outputs.size()));
        for (size_t k = 0; k < args; ++k) bind_resource(vars, n.in(k + 1), c.child_input(k));
        if (status s = c.prepare_child(n.inputs.data() + 1, args); !s) return n.fail(label + ": " + s.message());
        branch[b] = &c;
    }
    for (size_t k = 0; k < n.outputs.size(); ++k) {
        const tensor& t = branch[0]->child_output(k);
        const tensor& e = branch[1]->child_output(k);
        if (!same_type_and_shape(t, e))
            return n.fail("output " + std::to_string(k) + " is " + describe(t) + " in the then branch and " +
                          describe(e) + " in the else branch: branches of different shapes are not supported");
        if (n.out(k).type != t.type)
            return n.fail("output " + std::to_string(k) + " is " + dtype_name(n.out(k).type) + ", the branches give " +
                          dtype_name(t.type));
        n.out(k).dims = t.dims;
        bind_resource(vars, t, n.out(k));
    }
    auto& d = n.emplace<if_data>();
    d.then_graph = branch[0];
    d.else_graph = branch[1];
    n.invoke = if_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
