#pragma once
// A prepared operator: its tensors, the backend that runs it, the kernel chosen in prepare and its parameters.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "flatnn/core/status.hpp"
#include "flatnn/core/tensor.hpp"
#include "flatnn/model/model_info.hpp"

namespace flatnn {

// Per-node parameters an op computes in prepare (multipliers, tables, scratch). Owned by the node.
struct node_data {
    virtual ~node_data() = default;
};

struct node;
class graph_context;
using invoke_fn = status (*)(node&);

struct node {
    const operator_info* op = nullptr;
    size_t index = 0;
    size_t subgraph = 0;
    std::string name;                 // op name for messages and profiles
    std::vector<tensor*> inputs;      // nullptr for an omitted optional input (-1)
    std::vector<tensor*> outputs;
    std::vector<tensor*> intermediates;  // the operator's `intermediates` (integer LSTM: quantization carriers)
    int backend = -1;                 // index into the interpreter's backend list
    invoke_fn invoke = nullptr;       // kernel chosen in prepare
    // Set by a backend's fuse() (see backend.hpp): this node's work runs inside node `fused_into`'s invoke, so its
    // outputs are not written; that node reads `fused_reads` (this node's inputs) beyond its own inputs.
    int64_t fused_into = -1;
    std::vector<tensor*> fused_reads;
    std::unique_ptr<node_data> data;
    uint64_t max_scratch_bytes = uint64_t(1) << 32;  // cap on what prepare may allocate (interpreter sets it)
    graph_context* graph = nullptr;   // the interpreter running the node: subgraphs and variables (control flow)

    tensor& in(size_t i) const noexcept { return *inputs[i]; }
    tensor& out(size_t i) const noexcept { return *outputs[i]; }
    bool has_input(size_t i) const noexcept { return i < inputs.size() && inputs[i] != nullptr; }
    template <class D, class... Args>
    D& emplace(Args&&... args) {
        data.reset(new D(std::forward<Args>(args)...));
        return static_cast<D&>(*data);
    }
    template <class D>
    D& get() const noexcept { return static_cast<D&>(*data); }
    // "subgraph 0 op 12 (CONV_2D): <what>"
    status fail(const std::string& what) const {
        return status::error("subgraph " + std::to_string(subgraph) + " op " + std::to_string(index) + " (" + name +
                             "): " + what);
    }
};

}  // namespace flatnn
