#pragma once
// WHILE: loop state = the op's N inputs. The condition subgraph maps the state to one bool; while it is true the
// body subgraph maps the state to the next one (N outputs of the same types and shapes); the op's outputs are
// the final state. The state lives in the condition instance's inputs, copied into the body's inputs and back.
// A body that changes a shape (dynamic shapes) is refused in prepare. interpreter_options::max_while_iterations
// bounds the loop (TensorFlow Lite has no bound).
#include <string>

#include "flatnn/ops/subgraph_call.hpp"

namespace flatnn::ops {

struct while_data : node_data {
    child_graph* cond = nullptr;
    child_graph* body = nullptr;
    uint64_t max_iterations = 0;
};

inline status while_invoke(node& n) {
    auto& d = n.get<while_data>();
    const size_t count = n.inputs.size();
    for (size_t k = 0; k < count; ++k) copy_value(n.in(k), d.cond->child_input(k));
    for (uint64_t it = 0;; ++it) {
        FLATNN_TRY(d.cond->run_child());
        if (!truth(d.cond->child_output(0))) break;
        if (it == d.max_iterations)
            return n.fail("the condition is still true after " + std::to_string(it) +
                          " iterations (interpreter_options::max_while_iterations)");
        for (size_t k = 0; k < count; ++k) copy_value(d.cond->child_input(k), d.body->child_input(k));
        FLATNN_TRY(d.body->run_child());
        for (size_t k = 0; k < count; ++k) copy_value(d.body->child_output(k), d.cond->child_input(k));
    }
    for (size_t k = 0; k < count; ++k) copy_value(d.cond->child_input(k), n.out(k));
    return status::ok();
}

inline status prepare_while_(node& n) {
    namespace f = schema::while_options_field;
    FLATNN_TRY(expect_graph(n));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::while_options));
    const size_t count = n.inputs.size();
    if (n.outputs.size() != count)
        return n.fail("has " + std::to_string(count) + " inputs and " + std::to_string(n.outputs.size()) +
                      " outputs; the loop state needs as many of each");
    for (size_t k = 0; k < count; ++k)
        if (!n.inputs[k]) return n.fail("input " + std::to_string(k) + " is omitted (-1)");
    auto cond = n.graph->make_child(n, option<int32_t>(n, f::cond_subgraph_index, 0));
    if (!cond) return cond.error();
    auto body = n.graph->make_child(n, option<int32_t>(n, f::body_subgraph_index, 0));
    if (!body) return body.error();
    child_graph& c = **cond;
    child_graph& b = **body;
    const std::string cs = "condition subgraph " + std::to_string(c.subgraph_id());
    const std::string bs = "body subgraph " + std::to_string(b.subgraph_id());
    if (c.child_output_count() != 1)
        return n.fail(cs + " has " + std::to_string(c.child_output_count()) + " outputs, not 1");
    if (b.child_output_count() != count)
        return n.fail(bs + " has " + std::to_string(b.child_output_count()) + " outputs, the loop state " +
                      std::to_string(count));
    if (c.child_input_count() != count || b.child_input_count() != count)
        return n.fail(cs + " takes " + std::to_string(c.child_input_count()) + " inputs and " + bs + " " +
                      std::to_string(b.child_input_count()) + "; the op gives " + std::to_string(count));
    variable_store& vars = n.graph->variables();
    for (size_t k = 0; k < count; ++k) {
        bind_resource(vars, n.in(k), c.child_input(k));
        bind_resource(vars, n.in(k), b.child_input(k));
    }
    if (status s = c.prepare_child(n.inputs.data(), count); !s) return n.fail(cs + ": " + s.message());
    const tensor& flag = c.child_output(0);
    if (flag.type != dtype::boolean || flag.num_elements() != 1)
        return n.fail(cs + " output is " + describe(flag) + ", not one bool");
    if (status s = b.prepare_child(n.inputs.data(), count); !s) return n.fail(bs + ": " + s.message());
    for (size_t k = 0; k < count; ++k) {
        const tensor& next = b.child_output(k);
        if (!same_type_and_shape(next, n.in(k)))
            return n.fail(bs + " output " + std::to_string(k) + " is " + describe(next) + ", the loop state " +
                          describe(n.in(k)) + ": loops that change shapes or types are not supported");
        if (n.out(k).type != n.in(k).type)
            return n.fail("output " + std::to_string(k) + " is " + dtype_name(n.out(k).type) + ", input " +
                          std::to_string(k) + " " + dtype_name(n.in(k).type));
        n.out(k).dims = n.in(k).dims;
        bind_resource(vars, n.in(k), n.out(k));
    }
    auto& d = n.emplace<while_data>();
    d.cond = &c;
    d.body = &b;
    d.max_iterations = n.graph->max_while_iterations();
    n.invoke = while_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
