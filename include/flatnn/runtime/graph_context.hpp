#pragma once
// What control-flow and resource-variable ops (WHILE, IF, CALL_ONCE, VAR_HANDLE, READ_VARIABLE,
// ASSIGN_VARIABLE) need from the interpreter running them: instances of other subgraphs and the variable store.
// The interpreter implements both interfaces; ops see them through node::graph.
#include <cstddef>
#include <cstdint>

#include "flatnn/core/status.hpp"
#include "flatnn/core/tensor.hpp"

namespace flatnn {

struct node;
class variable_store;

// One instance of a subgraph, called by an op of its parent: its own tensors, nodes and arena.
class child_graph {
public:
    virtual ~child_graph() = default;
    virtual size_t subgraph_id() const noexcept = 0;
    virtual size_t child_input_count() const noexcept = 0;
    virtual size_t child_output_count() const noexcept = 0;
    virtual tensor& child_input(size_t i) noexcept = 0;
    virtual tensor& child_output(size_t i) noexcept = 0;
    // Gives every input the type and shape of the caller's tensor (types must match), then prepares the nodes
    // and allocates the child's arena. Outputs keep their bytes until the next run.
    virtual status prepare_child(const tensor* const* caller_inputs, size_t count) = 0;
    virtual status run_child() = 0;
};

class graph_context {
public:
    virtual ~graph_context() = default;
    // A new instance of subgraph `index`, owned by the context and called by `caller`. Refuses an index out of
    // range, a subgraph already on the call chain (recursion) and too many instances in all.
    virtual result<child_graph*> make_child(const node& caller, int64_t index) = 0;
    virtual variable_store& variables() noexcept = 0;
    // interpreter_options::max_while_iterations
    virtual uint64_t max_while_iterations() const noexcept = 0;
};

}  // namespace flatnn
