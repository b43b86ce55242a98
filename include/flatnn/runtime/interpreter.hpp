#pragma once
// Per-thread execution state over one model: tensors, prepared nodes, the memory plan and the arena.
// allocate() prepares every node and plans the arena; invoke() runs the nodes and allocates nothing.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "flatnn/backend/backend.hpp"
#include "flatnn/backend/reference_backend.hpp"
#include "flatnn/core/page_alloc.hpp"
#include "flatnn/model/model.hpp"
#ifndef FLATNN_NO_DEFAULT_RESOLVER
#include "flatnn/registry/builtin_ops.hpp"
#endif
#include "flatnn/registry/op_resolver.hpp"
#include "flatnn/runtime/graph_context.hpp"
#include "flatnn/runtime/known_values.hpp"
#include "flatnn/runtime/memory_planner.hpp"
#include "flatnn/runtime/node.hpp"
#include "flatnn/runtime/node_work.hpp"
#include "flatnn/runtime/variable_store.hpp"

namespace flatnn {

namespace detail {
// Frees an interpreter-owned arena of `bytes` bytes.
struct arena_deleter {
    size_t bytes = 0;
    void operator()(uint8_t* p) const noexcept { free_aligned(p, bytes, arena_alignment); }
};
}  // namespace detail

// Called around each node when set (profiling, tracing). Must not allocate if invoke is to stay allocation-free.
struct node_observer {
    virtual ~node_observer() = default;
    virtual void begin(const node&) {}
    virtual void end(const node&) {}
};

struct interpreter_options {
    const op_resolver* resolver = nullptr;  // default: builtin_op_resolver()
    std::vector<backend_ref> backends;      // tried in order; the reference backend is always last
    std::string signature;                  // SignatureDef key of the entry point; empty = subgraph 0
    // Resource cap: allocate()/plan() refuse a plan whose arena, or any one tensor or per-node scratch buffer
    // prepared by an op, exceeds it, so an untrusted model cannot make the library allocate without bound.
    uint64_t max_arena_bytes = uint64_t(1) << 32;  // 4 GiB
    // Every tensor lives to the end of the plan (no arena reuse) and backends that keep tensors elsewhere (a
    // GPU) copy every tensor they write back to the host, so all intermediate tensors can be read after invoke()
    // (`flatnn compare`). Costs arena memory and transfers; off by default.
    bool keep_all_tensors = false;
    // WHILE fails once its body has run this many times with the condition still true: TensorFlow Lite has no
    // limit, so a hostile model could otherwise loop forever.
    uint64_t max_while_iterations = 1000000;
    // Cap on the subgraph instances (WHILE/IF/CALL_ONCE callees, nested) one interpreter creates: each call site
    // gets its own instance, so a model whose subgraphs call each other several times could ask for
    // exponentially many.
    size_t max_subgraph_instances = 1024;
    // Compute cap: allocate() refuses a node whose one invoke asks for more multiply-adds (element operations for
    // ops without them; see runtime/node_work.hpp), so an untrusted model cannot make invoke run for minutes.
    // 2^34 (about 17 billion) is several times the largest layer of common vision and language models.
    double max_node_work = double(uint64_t(1) << 34);
};

// Subgraphs other than the entry one (WHILE/IF/CALL_ONCE callees) run in child interpreters created while the
// calling op is prepared: same model, resolver and backends, their own tensors and arena, one instance per call
// site. Resource variables live in the entry interpreter's variable_store, shared with its children.
class interpreter : public graph_context, public child_graph {
public:
    explicit interpreter(const model& m, interpreter_options options = {})
        : model_(&m), options_(std::move(options)),
          reference_(options_.resolver ? *options_.resolver : default_resolver()) {
        backends_ = options_.backends;
        backends_.push_back(make_backend_ref(reference_));
        if (!options_.signature.empty()) {
            signature_ = m.find_signature(options_.signature);
            if (!signature_) construct_error_ = status::error("the model has no signature '" + options_.signature + "'");
            else subgraph_index_ = signature_->subgraph;
        }
        graph_ = &m.subgraph(subgraph_index_);
        init_tensors();
#ifdef FLATNN_NO_DEFAULT_RESOLVER
        if (!options_.resolver)
            construct_error_ = status::error(
                "FLATNN_NO_DEFAULT_RESOLVER is defined: pass interpreter_options::resolver (make_op_resolver<...>())");
#endif
    }
    interpreter(const interpreter&) = delete;
    interpreter& operator=(const interpreter&) = delete;

    const model& get_model() const noexcept { return *model_; }
    size_t subgraph_index() const noexcept { return subgraph_index_; }

    // Inputs and outputs in the subgraph's order.
    size_t input_count() const noexcept { return graph_->inputs.size(); }
    size_t output_count() const noexcept { return graph_->outputs.size(); }
    tensor& input(size_t i) noexcept { return tensors_[size_t(graph_->inputs[i])]; }
    tensor& output(size_t i) noexcept { return tensors_[size_t(graph_->outputs[i])]; }
    size_t tensor_count() const noexcept { return tensors_.size(); }
    tensor& tensor_at(size_t index) noexcept { return tensors_[index]; }
    const tensor& tensor_at(size_t index) const noexcept { return tensors_[index]; }
    const std::vector<node>& nodes() const noexcept { return nodes_; }
    const std::vector<backend_ref>& backends() const noexcept { return backends_; }

    // By signature alias when a signature is selected, else by tensor name.
    tensor* find_input(std::string_view name) noexcept { return find_io(name, true); }
    tensor* find_output(std::string_view name) noexcept { return find_io(name, false); }
    tensor* find_tensor(std::string_view name) noexcept {
        for (auto& t : tensors_)
            if (t.name == name) return &t;
        return nullptr;
    }

    // Changes the shape of input i; takes effect at the next allocate().
    status resize_input(size_t i, const shape& dims) {
        if (i >= input_count())
            return status::error("resize_input: input " + std::to_string(i) + " does not exist (the model has " +
                                 std::to_string(input_count()) + ")");
        const tensor_info& info = graph_->tensors[size_t(graph_->inputs[i])];
        if (dims.rank() != info.dims.rank())
            return status::error("resize_input: input " + std::to_string(i) + " has rank " +
                                 std::to_string(info.dims.rank()) + ", not " + std::to_string(dims.rank()));
        for (int d = 0; d < dims.rank(); ++d) {
            if (dims[d] < 0) return status::error("resize_input: negative dimension in " + dims.str());
            const bool dynamic = !info.shape_signature.empty() && info.shape_signature[size_t(d)] == -1;
            if (!dynamic && dims[d] != info.dims[d] && !info.shape_signature.empty())
                return status::error("resize_input: dimension " + std::to_string(d) + " of input " + std::to_string(i) +
                                     " is static (" + std::to_string(info.dims[d]) + ")");
        }
        input_dims_[i] = dims;
        input_resized_[i] = true;
        allocated_ = false;
        return status::ok();
    }

    // Prepares all nodes and plans the arena without allocating it; returns the arena size in bytes.
    result<size_t> plan() {
        FLATNN_TRY(prepare_all());
        return arena_bytes_;
    }
    size_t arena_bytes() const noexcept { return arena_bytes_; }
    // Instances of called subgraphs (WHILE/IF/CALL_ONCE callees, nested) in the current plan, and their arenas
    // together (each instance owns one, allocated while the plan is prepared).
    size_t callee_instances() const noexcept { return root_->instances_; }
    uint64_t callee_arena_bytes() const noexcept { return root_->callee_arena_bytes_; }
    size_t tensor_offset(size_t index) const noexcept { return offsets_[index]; }
    bool tensor_in_arena(size_t index) const noexcept { return in_arena_[index] != 0; }

    // Plans and allocates an owned arena.
    status allocate() {
        FLATNN_TRY(prepare_all());
        return allocate_owned();
    }
    // Plans and uses caller memory as the arena (at least plan() bytes, 64-byte aligned); it must outlive use.
    status allocate(void* arena, size_t size) {
        FLATNN_TRY(prepare_all());
        if (size < arena_bytes_)
            return status::error("the supplied arena has " + std::to_string(size) + " bytes; the plan needs " +
                                 std::to_string(arena_bytes_));
        if (reinterpret_cast<uintptr_t>(arena) % arena_alignment)
            return status::error("the supplied arena must be " + std::to_string(arena_alignment) + "-byte aligned");
        return bind_arena(static_cast<uint8_t*>(arena));
    }

    status invoke() {
        if (!allocated_) return status::error("invoke() called before allocate()");
        for (node& n : nodes_) {
            if (observer_) observer_->begin(n);
            status s = backends_[size_t(n.backend)].invoke(backends_[size_t(n.backend)].self, n);
            if (observer_) observer_->end(n);
            if (!s) return s;
        }
        return status::ok();
    }

    void set_observer(node_observer* o) noexcept { observer_ = o; }

    // graph_context (used by the control-flow and variable ops while they are prepared and run)
    result<child_graph*> make_child(const node& caller, int64_t index) override {
        if (index < 0 || uint64_t(index) >= model_->subgraph_count())
            return caller.fail("subgraph index " + std::to_string(index) + " is out of range (the model has " +
                               std::to_string(model_->subgraph_count()) + " subgraphs)");
        for (const interpreter* p = this; p; p = p->parent_)
            if (p->subgraph_index_ == size_t(index))
                return caller.fail("calls subgraph " + std::to_string(index) +
                                   ", which is already running on this call chain (recursion is not supported)");
        interpreter& root = *root_;
        if (root.instances_ >= options_.max_subgraph_instances)
            return caller.fail("needs more than " + std::to_string(options_.max_subgraph_instances) +
                               " subgraph instances (interpreter_options::max_subgraph_instances)");
        ++root.instances_;
        children_.push_back(std::unique_ptr<interpreter>(new interpreter(*this, size_t(index))));
        return static_cast<child_graph*>(children_.back().get());
    }
    variable_store& variables() noexcept override { return root_->variables_; }
    uint64_t max_while_iterations() const noexcept override { return options_.max_while_iterations; }

    // child_graph (an instance of a called subgraph, seen by the op that calls it)
    size_t subgraph_id() const noexcept override { return subgraph_index_; }
    size_t child_input_count() const noexcept override { return input_count(); }
    size_t child_output_count() const noexcept override { return output_count(); }
    tensor& child_input(size_t i) noexcept override { return input(i); }
    tensor& child_output(size_t i) noexcept override { return output(i); }
    status prepare_child(const tensor* const* caller_inputs, size_t count) override {
        if (count != input_count())
            return status::error("subgraph " + std::to_string(subgraph_index_) + " takes " +
                                 std::to_string(input_count()) + " inputs, the caller gives " + std::to_string(count));
        for (size_t i = 0; i < count; ++i) {
            const tensor& from = *caller_inputs[i];
            if (from.type != input(i).type)
                return status::error("subgraph " + std::to_string(subgraph_index_) + " input " + std::to_string(i) +
                                     " is " + dtype_name(input(i).type) + ", the caller gives " + dtype_name(from.type));
            input_dims_[i] = from.dims;  // the callee takes the caller's shapes, as in TensorFlow Lite
            input_resized_[i] = true;
        }
        FLATNN_TRY(prepare_all());
        // Every instance has its own arena: together they stay within max_arena_bytes.
        interpreter& root = *root_;
        root.callee_arena_bytes_ += arena_bytes_;
        if (root.callee_arena_bytes_ > options_.max_arena_bytes)
            return status::error("the arenas of the called subgraphs need more than the limit of " +
                                 std::to_string(options_.max_arena_bytes) +
                                 " bytes (interpreter_options::max_arena_bytes)");
        return allocate_owned();
    }
    status run_child() override { return invoke(); }

private:
    // A child instance of subgraph `index`, called by an op of `parent`.
    interpreter(interpreter& parent, size_t index)
        : model_(parent.model_), options_(parent.options_),
          reference_(options_.resolver ? *options_.resolver : default_resolver()),
          parent_(&parent), root_(parent.root_) {
        options_.signature.clear();
        // Backends that plan whole graphs (planned(), a GPU command buffer) see the entry graph only.
        for (const backend_ref& b : options_.backends)
            if (!b.planned) backends_.push_back(b);
        backends_.push_back(make_backend_ref(reference_));
        subgraph_index_ = index;
        graph_ = &model_->subgraph(index);
        init_tensors();
    }

    const model* model_;
    interpreter_options options_;
    reference_backend reference_;
    std::vector<backend_ref> backends_;
    const signature_info* signature_ = nullptr;
    size_t subgraph_index_ = 0;
    const subgraph_info* graph_ = nullptr;
    status construct_error_;

    // FLATNN_NO_DEFAULT_RESOLVER: the interpreter refers to no op, so only the ops of the caller's resolver
    // are compiled (registry/op_set.hpp).
    static const op_resolver& default_resolver() {
#ifdef FLATNN_NO_DEFAULT_RESOLVER
        static const op_resolver none;
        return none;
#else
        return builtin_op_resolver();
#endif
    }
    std::vector<tensor> tensors_;
    std::vector<node> nodes_;
    std::vector<shape> input_dims_;
    std::vector<bool> input_resized_;
    std::vector<size_t> offsets_;
    std::vector<uint8_t> in_arena_;
    size_t arena_bytes_ = 0;
    // The arena the interpreter allocates itself (on huge pages when large: flatnn/core/page_alloc.hpp).
    std::unique_ptr<uint8_t, detail::arena_deleter> owned_;
    size_t owned_capacity_ = 0;
    bool allocated_ = false;
    node_observer* observer_ = nullptr;
    interpreter* parent_ = nullptr;  // the interpreter whose op calls this subgraph; nullptr for the entry one
    interpreter* root_ = this;       // the entry interpreter: variables, instance count
    std::vector<std::unique_ptr<interpreter>> children_;
    size_t instances_ = 0;           // in the root: child instances created by the current plan
    uint64_t callee_arena_bytes_ = 0;  // in the root: the child instances' arenas together
    variable_store variables_;       // in the root only
    known_values known_;             // values computed at prepare (shapes from SHAPE -> ... -> RESHAPE)

    void init_tensors() {
        tensors_.resize(graph_->tensors.size());
        for (size_t i = 0; i < tensors_.size(); ++i) {
            const tensor_info& info = graph_->tensors[i];
            tensor& t = tensors_[i];
            t.type = info.type;
            t.dims = info.dims;
            t.name = info.name;
            t.index = int32_t(i);
            t.quant = info.quant.empty() ? nullptr : &info.quant;
            t.is_constant = info.is_constant();
            t.is_variable = info.is_variable;
            if (t.is_constant) {
                t.data = const_cast<uint8_t*>(info.data);  // kernels never write their inputs
                t.bytes = info.data_size;
            }
        }
        input_dims_.resize(graph_->inputs.size());
        input_resized_.assign(graph_->inputs.size(), false);
        nodes_.resize(graph_->operators.size());
        for (size_t i = 0; i < nodes_.size(); ++i) {
            const operator_info& op = graph_->operators[i];
            node& n = nodes_[i];
            n.op = &op;
            n.index = i;
            n.subgraph = subgraph_index_;
            n.graph = this;
            n.name = op.code == int32_t(schema::builtin_op::custom)
                         ? std::string(op.custom_code)
                         : (op.code >= 0 && op.code < schema::builtin_op_count ? schema::builtin_op_names[op.code]
                                                                                : "op" + std::to_string(op.code));
            for (int32_t t : op.inputs) n.inputs.push_back(t < 0 ? nullptr : &tensors_[size_t(t)]);
            for (int32_t t : op.outputs) n.outputs.push_back(&tensors_[size_t(t)]);
            for (int32_t t : op.intermediates) n.intermediates.push_back(t < 0 ? nullptr : &tensors_[size_t(t)]);
        }
    }

    tensor* find_io(std::string_view name, bool inputs) noexcept {
        if (signature_) {
            for (const auto& e : inputs ? signature_->inputs : signature_->outputs)
                if (e.first == name) return &tensors_[size_t(e.second)];
        }
        for (int32_t t : inputs ? graph_->inputs : graph_->outputs)
            if (tensors_[size_t(t)].name == name) return &tensors_[size_t(t)];
        return nullptr;
    }

    // Byte size of t, refused above max_arena_bytes. Shapes set by prepare or resize_input are unchecked
    // products of int32 dims, so the product is formed with overflow detection.
    // A resource tensor holds a variable id (int32) in the arena.
    static size_t element_bytes(dtype t) noexcept { return t == dtype::resource ? 4 : dtype_size(t); }

    status checked_bytes(const tensor& t, uint64_t& bytes) const {
        const uint64_t cap = options_.max_arena_bytes;
        const size_t es = element_bytes(t.type);
        bytes = es ? es : 1;
        for (int d = 0; d < t.dims.rank(); ++d) {
            if (t.dims[d] < 0)
                return status::error("tensor " + std::to_string(t.index) + " '" + std::string(t.name) + "' has shape " +
                                     t.dims.str() + " with a negative dimension");
            const uint64_t v = uint64_t(t.dims[d]);
            bytes = (v && bytes > cap / v) ? cap + 1 : bytes * v;
        }
        if (bytes > cap)
            return status::error("tensor " + std::to_string(t.index) + " '" + std::string(t.name) + "' of shape " +
                                 t.dims.str() + " needs more than the arena limit of " + std::to_string(cap) +
                                 " bytes (interpreter_options::max_arena_bytes)");
        return status::ok();
    }

    // A builtin op whose outputs are all empty has nothing to compute, yet kernels that loop over the non-empty
    // axes of a hostile input such as [150994945, 50331648, 0, 4] would spin for hours. Ops with effects beyond
    // their outputs (control flow, custom ops) still run.
    static bool computes_nothing(const node& n) noexcept {
        using op = schema::builtin_op;
        const int32_t code = n.op->code;
        if (n.outputs.empty() || code == int32_t(op::custom) || code == int32_t(op::while_) ||
            code == int32_t(op::if_) || code == int32_t(op::call_once))
            return false;
        for (const tensor* t : n.outputs)
            if (t->num_elements() != 0) return false;
        return true;
    }
    static status skip_invoke(node&) { return status::ok(); }

    status prepare_all() {
        FLATNN_TRY(construct_error_);
        allocated_ = false;
        children_.clear();  // the nodes being prepared create their callees again
        if (root_ == this) {
            instances_ = 0;
            callee_arena_bytes_ = 0;
            variables_.clear();
        }
        for (size_t i = 0; i < tensors_.size(); ++i)
            if (!tensors_[i].is_constant) {
                tensors_[i].dims = graph_->tensors[i].dims;
                tensors_[i].data = nullptr;
            }
        known_.reset(tensors_);
        uint64_t unused = 0;
        std::vector<shape> shapes_before;
        for (size_t i = 0; i < graph_->inputs.size(); ++i) {
            tensor& t = tensors_[size_t(graph_->inputs[i])];
            if (input_resized_[i]) t.dims = input_dims_[i];
            FLATNN_TRY(checked_bytes(t, unused));  // before any prepare computes with the shape
        }

        for (node& n : nodes_) {
            n.max_scratch_bytes = options_.max_arena_bytes;
            n.backend = -1;
            n.fused_into = -1;
            n.fused_reads.clear();
            for (size_t b = 0; b < backends_.size(); ++b)
                if (backends_[b].claims(backends_[b].self, n)) {
                    n.backend = int(b);
                    break;
                }
            if (n.backend < 0) return n.fail(reference_.why_not(n));
            shapes_before.clear();
            for (const tensor* t : n.outputs) shapes_before.push_back(t->dims);
            FLATNN_TRY(backends_[size_t(n.backend)].prepare(backends_[size_t(n.backend)].self, n));
            // A variable is read with the shape earlier ops were prepared for: an op writing it must keep it.
            for (size_t k = 0; k < n.outputs.size(); ++k)
                if (n.outputs[k]->is_variable && n.outputs[k]->dims != shapes_before[k])
                    return n.fail("output " + std::to_string(k) + " is variable tensor " +
                                  std::to_string(n.outputs[k]->index) + " of shape " + shapes_before[k].str() +
                                  ", which the op would change to " + n.outputs[k]->dims.str());
            // Later ops compute with these shapes: refuse an oversized output before any of them sees it.
            for (const tensor* t : n.outputs)
                if (status s = checked_bytes(*t, unused); !s) return n.fail("output " + s.message());
            if (const double work = node_work(n); work > options_.max_node_work)
                return n.fail("one invoke needs about " + std::to_string(uint64_t(work)) +
                              " multiply-adds, more than the limit of " +
                              std::to_string(uint64_t(options_.max_node_work)) + " (interpreter_options::max_node_work)");
            if (computes_nothing(n)) n.invoke = skip_invoke;
            // Small integer results of shapes and constants: known now, so later ops plan with them.
            known_.evaluate(n, reference_);
        }

        {
            plan_view view;
            view.nodes = &nodes_;
            view.graph_inputs = &graph_->inputs;
            view.graph_outputs = &graph_->outputs;
            view.keep_all_tensors = options_.keep_all_tensors;
            for (size_t b = 0; b < backends_.size(); ++b)
                if (backends_[b].fuse) {
                    view.backend = int(b);
                    FLATNN_TRY(backends_[b].fuse(backends_[b].self, view));
                }
        }

        // Lifetimes: graph inputs and variables from step 0; outputs of op k from k; until the last reader (graph
        // inputs, outputs and variables until the end).
        const int32_t steps = int32_t(nodes_.size());
        std::vector<int32_t> first(tensors_.size(), -1), last(tensors_.size(), -1);
        for (int32_t t : graph_->inputs) first[size_t(t)] = 0, last[size_t(t)] = 0;
        for (size_t i = 0; i < tensors_.size(); ++i)
            if (tensors_[i].is_variable && !tensors_[i].is_constant) first[i] = 0, last[i] = steps;
        for (int32_t k = 0; k < steps; ++k) {
            for (tensor* t : nodes_[size_t(k)].outputs)
                if (first[size_t(t->index)] < 0) first[size_t(t->index)] = k;
            for (tensor* t : nodes_[size_t(k)].inputs)
                if (t) last[size_t(t->index)] = std::max(last[size_t(t->index)], k);
            for (tensor* t : nodes_[size_t(k)].fused_reads) last[size_t(t->index)] = std::max(last[size_t(t->index)], k);
            for (tensor* t : nodes_[size_t(k)].outputs) last[size_t(t->index)] = std::max(last[size_t(t->index)], k);
        }
        for (int32_t t : graph_->outputs) last[size_t(t)] = steps;
        // Graph inputs keep their bytes to the end, as in TFLite: a caller may invoke again without refilling
        // them (benchmarks do), and a callee's inputs are read after it runs (WHILE keeps the loop state in the
        // condition's inputs).
        for (int32_t t : graph_->inputs) last[size_t(t)] = steps;
        if (options_.keep_all_tensors)
            for (size_t i = 0; i < tensors_.size(); ++i)
                if (first[i] >= 0) last[i] = steps;

        std::vector<buffer_request> requests;
        std::vector<size_t> owner;
        in_arena_.assign(tensors_.size(), 0);
        offsets_.assign(tensors_.size(), 0);
        for (size_t i = 0; i < tensors_.size(); ++i) {
            tensor& t = tensors_[i];
            if (t.is_constant || first[i] < 0) continue;
            const size_t es = element_bytes(t.type);
            if (!es)
                return status::error("tensor " + std::to_string(i) + " '" + std::string(t.name) + "' has type " +
                                     dtype_name(t.type) + ", which cannot live in the arena");
            uint64_t bytes = 0;
            FLATNN_TRY(checked_bytes(t, bytes));
            t.bytes = size_t(bytes);
            requests.push_back(buffer_request{t.bytes, first[i], last[i], 0});
            owner.push_back(i);
        }
        arena_bytes_ = plan_arena(requests);
        const uint64_t callees = root_ == this ? callee_arena_bytes_ : 0;
        if (arena_bytes_ > options_.max_arena_bytes || callees > options_.max_arena_bytes - arena_bytes_)
            return status::error("the memory plan needs an arena of " + std::to_string(arena_bytes_) + " bytes" +
                                 (callees ? " and " + std::to_string(callees) + " for called subgraphs" : "") +
                                 ", more than the limit of " + std::to_string(options_.max_arena_bytes) +
                                 " bytes (interpreter_options::max_arena_bytes)");
        for (size_t r = 0; r < requests.size(); ++r) {
            offsets_[owner[r]] = requests[r].offset;
            in_arena_[owner[r]] = 1;
        }
        plan_view view;
        view.nodes = &nodes_;
        view.graph_inputs = &graph_->inputs;
        view.graph_outputs = &graph_->outputs;
        view.offsets = &offsets_;
        view.in_arena = &in_arena_;
        view.arena_bytes = arena_bytes_;
        view.keep_all_tensors = options_.keep_all_tensors;
        for (size_t b = 0; b < backends_.size(); ++b)
            if (backends_[b].planned) {
                view.backend = int(b);
                FLATNN_TRY(backends_[b].planned(backends_[b].self, view));
            }
        return status::ok();
    }

    status allocate_owned() {
        if (owned_capacity_ < arena_bytes_) {
            owned_.reset();
            const size_t bytes = std::max<size_t>(arena_bytes_, 1);
            owned_ = std::unique_ptr<uint8_t, detail::arena_deleter>(
                static_cast<uint8_t*>(allocate_aligned(bytes, arena_alignment)), detail::arena_deleter{bytes});
            owned_capacity_ = arena_bytes_;
        }
        return bind_arena(owned_.get());
    }

    status bind_arena(uint8_t* arena) {
        for (size_t i = 0; i < tensors_.size(); ++i) {
            if (!in_arena_[i]) continue;
            tensor& t = tensors_[i];
            t.data = arena + offsets_[i];
            if (t.is_variable) {  // variables start at real zero
                const int32_t zp = t.quantized() ? t.zero_point() : 0;
                if (t.type == dtype::int8) std::memset(t.data, int8_t(zp), t.bytes);
                else if (t.type == dtype::uint8) std::memset(t.data, uint8_t(zp), t.bytes);
                else std::memset(t.data, 0, t.bytes);
            }
        }
        if (root_ == this) variables_.reset_values();
        allocated_ = true;
        return status::ok();
    }
};

}  // namespace flatnn
