#pragma once
// CALL_ONCE: runs its init subgraph (no inputs, no outputs; it assigns resource variables) at the first invoke
// after each allocate(), as TensorFlow Lite runs it once per interpreter.
#include <string>

#include "flatnn/ops/subgraph_call.hpp"

namespace flatnn::ops {

struct call_once_data : node_data {
    child_graph* init = nullptr;
    bool done = false;
};

inline status call_once_invoke(node& n) {
    auto& d = n.get<call_once_data>();
    if (d.done) return status::ok();
    FLATNN_TRY(d.init->run_child());
    d.done = true;
    return status::ok();
}

inline status prepare_call_once(node& n) {
    namespace f = schema::call_once_options_field;
    FLATNN_TRY(expect_graph(n));
    FLATNN_TRY(expect_io(n, 0, 0, 0));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::call_once_options));
    auto g = n.graph->make_child(n, option<int32_t>(n, f::init_subgraph_index, 0));
    if (!g) return g.error();
    child_graph& c = **g;
    const std::string label = "init subgraph " + std::to_string(c.subgraph_id());
    if (c.child_input_count() != 0 || c.child_output_count() != 0)
        return n.fail(label + " has " + std::to_string(c.child_input_count()) + " inputs and " +
                      std::to_string(c.child_output_count()) + " outputs; it must have none");
    if (status s = c.prepare_child(nullptr, 0); !s) return n.fail(label + ": " + s.message());
    n.emplace<call_once_data>().init = &c;
    n.invoke = call_once_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
