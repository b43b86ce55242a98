#pragma once
// Values known at prepare: small int32/int64 tensors computed from shapes and constants only. The converter
// computes a None batch into the shapes the graph uses (SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE) and stores
// placeholder 1s in the file's shapes; TensorFlow Lite resizes such outputs at invoke, while flatnn plans every
// shape before invoke. So while the interpreter prepares the graph it evaluates these ops right away, with the
// reference kernels on buffers of its own, and records the values in tensor::known; the ops that read shape
// operands (ops::read_const_ints, values_at_prepare) take them like constants. The ops still run at invoke.
#include <cstdint>
#include <vector>

#include "flatnn/backend/reference_backend.hpp"
#include "flatnn/model/tflite_schema_generated.hpp"
#include "flatnn/runtime/node.hpp"

namespace flatnn {

// Outputs above this many elements are not evaluated at prepare (shape vectors have at most 8).
constexpr int64_t max_known_elements = 1024;

// Pure ops that compute shapes in converted graphs. SHAPE and RANK read only their input's shape.
inline bool evaluates_at_prepare(int32_t code) noexcept {
    using op = schema::builtin_op;
    switch (op(code)) {
        case op::shape: case op::rank: case op::strided_slice: case op::slice: case op::gather: case op::gather_nd:
        case op::pack: case op::unpack: case op::concatenation: case op::cast: case op::squeeze:
        case op::expand_dims: case op::reshape: case op::add: case op::sub: case op::mul: case op::div:
        case op::floor_div: case op::floor_mod: case op::maximum: case op::minimum: case op::neg: case op::abs:
        case op::reduce_prod: case op::sum: case op::reduce_max: case op::reduce_min: case op::fill:
        case op::range: case op::tile: case op::broadcast_to: case op::zeros_like: case op::transpose:
            return true;
        default:
            return false;
    }
}

class known_values {
public:
    // Forgets every value (a new plan starts from the model's shapes).
    void reset(std::vector<tensor>& tensors) {
        store_.assign(tensors.size(), {});
        for (tensor& t : tensors) t.known = nullptr;
    }

    // After n's prepare: evaluates n when it is one of the ops above, its outputs are small int32/int64
    // tensors and every input's values are known at prepare. Anything else leaves the outputs unknown (their
    // consumers then say that a shape depends on values known only at invoke).
    void evaluate(const node& n, reference_backend& reference) {
        if (!eligible(n) || !reference.claims(n)) return;
        // The reference kernel, prepared on a node of our own (the backend's node keeps its kernel and data).
        node tmp;
        tmp.op = n.op;
        tmp.index = n.index;
        tmp.subgraph = n.subgraph;
        tmp.name = n.name;
        tmp.inputs = n.inputs;
        tmp.outputs = n.outputs;
        tmp.graph = n.graph;
        tmp.max_scratch_bytes = n.max_scratch_bytes;
        shape planned[shape::max_rank];
        for (size_t k = 0; k < n.outputs.size(); ++k) planned[k] = n.outputs[k]->dims;
        bool ok = bool(reference.prepare(tmp));
        for (size_t k = 0; k < n.outputs.size(); ++k) {
            ok = ok && n.outputs[k]->dims == planned[k];
            n.outputs[k]->dims = planned[k];
        }
        if (!ok) return;
        for (tensor* t : n.inputs)
            if (t && !t->is_constant && t->known) t->data = const_cast<uint8_t*>(t->known);
        for (tensor* t : n.outputs) {
            std::vector<int64_t>& buffer = store_[size_t(t->index)];
            buffer.assign(size_t(t->num_elements()) + 1, 0);  // int64 storage: aligned for both types
            t->data = reinterpret_cast<uint8_t*>(buffer.data());
        }
        ok = bool(tmp.invoke(tmp));
        for (tensor* t : n.inputs)
            if (t && !t->is_constant) t->data = nullptr;
        for (tensor* t : n.outputs) {
            t->data = nullptr;
            t->known = ok ? reinterpret_cast<const uint8_t*>(store_[size_t(t->index)].data()) : nullptr;
        }
    }

private:
    std::vector<std::vector<int64_t>> store_;  // per tensor index

    static bool eligible(const node& n) noexcept {
        if (!evaluates_at_prepare(n.op->code) || n.outputs.empty() || n.outputs.size() > size_t(shape::max_rank)) return false;
        for (const tensor* t : n.outputs)
            if ((t->type != dtype::int32 && t->type != dtype::int64) || t->is_variable || t->is_constant ||
                t->num_elements() > max_known_elements)
                return false;
        const int32_t code = n.op->code;
        const bool shape_only = code == int32_t(schema::builtin_op::shape) || code == int32_t(schema::builtin_op::rank);
        for (size_t i = 0; i < n.inputs.size(); ++i) {
            const tensor* t = n.inputs[i];
            if (!t || (shape_only && i == 0)) continue;
            if (t->is_variable || !(t->is_constant ? t->data != nullptr : t->known != nullptr)) return false;
        }
        return true;
    }
};

}  // namespace flatnn
