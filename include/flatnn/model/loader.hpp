#pragma once
// Turns verified FlatBuffer bytes into model_info structures and applies the semantic rules of a .tflite file:
// indices in range, buffer sizes consistent with shape and dtype, no overflow in size arithmetic, valid
// quantization arrays, operators in execution order. Every rejection names the rule and where.
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "flatnn/core/status.hpp"
#include "flatnn/model/fb_verifier.hpp"
#include "flatnn/model/model_info.hpp"
#include "flatnn/model/tflite_schema_generated.hpp"

namespace flatnn {

struct load_limits {
    uint64_t max_tensor_bytes = uint64_t(1) << 34;  // 16 GiB: refuse absurd shapes early
    unsigned max_depth = 64;
};

struct loaded_model {
    std::vector<subgraph_info> subgraphs;
    std::vector<signature_info> signatures;
    std::vector<metadata_entry> metadata;
    std::string_view description;
    uint32_t version = 0;
    std::vector<std::unique_ptr<uint8_t[]>> aligned_copies;  // constants whose file position was misaligned
};

namespace detail {

// A constant STRING tensor holds TensorFlow Lite's string layout: int32 count, count + 1 int32 offsets from the
// start of the buffer, then the bytes. The count must equal the shape's element count (nothing else bounds a
// string tensor's shape) and every string must lie inside the buffer.
inline status check_string_buffer(const uint8_t* data, size_t size, uint64_t elements, const std::string& where) {
    auto read = [&](size_t i) {
        int32_t v;
        std::memcpy(&v, data + 4 * i, 4);
        return v;
    };
    if (size < 4) return status::error(where + ": STRING buffer of " + std::to_string(size) + " bytes has no count");
    const int32_t count = read(0);
    if (count < 0 || uint64_t(count) != elements)
        return status::error(where + ": STRING buffer holds " + std::to_string(count) + " strings but the shape has " +
                             std::to_string(elements) + " elements");
    if ((uint64_t(count) + 2) * 4 > size)
        return status::error(where + ": STRING buffer of " + std::to_string(size) + " bytes is too small for " +
                             std::to_string(count) + " offsets");
    int64_t previous = int64_t(count + 2) * 4;
    for (size_t i = 1; i <= size_t(count) + 1; ++i) {
        const int32_t off = read(i);
        if (off < previous || uint64_t(off) > size)
            return status::error(where + ": STRING offset " + std::to_string(i - 1) + " = " + std::to_string(off) +
                                 " is out of order or outside the buffer of " + std::to_string(size) + " bytes");
        previous = off;
    }
    return status::ok();
}

inline std::string where_tensor(size_t sg, size_t t) {
    return "subgraph " + std::to_string(sg) + " tensor " + std::to_string(t);
}

inline std::string op_label(const operator_info& op) {
    if (op.code == int32_t(schema::builtin_op::custom)) return std::string("CUSTOM '") + std::string(op.custom_code) + "'";
    if (op.code >= 0 && op.code < schema::builtin_op_count) return schema::builtin_op_names[op.code];
    return "builtin op " + std::to_string(op.code);
}

inline std::string where_op(size_t sg, size_t i, const operator_info& op) {
    return "subgraph " + std::to_string(sg) + " op " + std::to_string(i) + " (" + op_label(op) + ")";
}

// Resolves a buffer's bytes: inline data, or a range after the FlatBuffer (offset > 1), or none.
inline status buffer_bytes(fb::table buf, const uint8_t* file, size_t file_size, size_t index, const uint8_t*& data,
                           size_t& size) {
    using namespace schema;
    data = nullptr;
    size = 0;
    if (buf.has(buffer_field::data)) {
        auto v = buf.vector<uint8_t>(buffer_field::data);
        if (v.size()) data = v.data, size = v.size();
        return status::ok();
    }
    const uint64_t off = buf.scalar<uint64_t>(buffer_field::offset, 0);
    const uint64_t len = buf.scalar<uint64_t>(buffer_field::size, 0);
    if (off > 1) {
        if (off > file_size || len > file_size - off)
            return status::error("buffer " + std::to_string(index) + ": external range [" + std::to_string(off) + ", +" +
                                 std::to_string(len) + ") lies outside the file of " + std::to_string(file_size) + " bytes");
        if (len) data = file + off, size = size_t(len);
    }
    return status::ok();
}

inline status read_int_list(fb::table t, int field, std::vector<int32_t>& out) {
    auto v = t.vector<int32_t>(field);
    out.resize(v.size());
    for (uint32_t i = 0; i < v.size(); ++i) out[i] = v[i];
    return status::ok();
}

inline status check_index_list(const std::vector<int32_t>& list, size_t n_tensors, bool allow_optional,
                               const std::string& where, const char* what) {
    for (size_t i = 0; i < list.size(); ++i) {
        const int32_t t = list[i];
        if (t == -1 && allow_optional) continue;
        if (t < 0 || size_t(t) >= n_tensors)
            return status::error(where + ": " + what + "[" + std::to_string(i) + "] = " + std::to_string(t) +
                                 " is not a tensor index (the subgraph has " + std::to_string(n_tensors) + " tensors)");
    }
    return status::ok();
}

inline status load_tensor(fb::table t, const std::vector<fb::table>& buffers, const uint8_t* file, size_t file_size,
                          const load_limits& limits, size_t sg, size_t ti, tensor_info& out, loaded_model& model) {
    using namespace schema;
    const std::string where = where_tensor(sg, ti);
    out.name = t.string(tensor_field::name);
    const int type = t.scalar<int8_t>(tensor_field::type, 0);
    if (!dtype_known(type))
        return status::error(where + " '" + std::string(out.name) + "': unknown dtype " + std::to_string(type));
    out.type = dtype(type);
    auto dims = t.vector<int32_t>(tensor_field::shape);
    if (dims.size() > uint32_t(shape::max_rank))
        return status::error(where + ": rank " + std::to_string(dims.size()) + " exceeds the supported maximum of " +
                             std::to_string(shape::max_rank));
    uint64_t elements = 1;
    bool overflow = false;
    for (uint32_t d = 0; d < dims.size(); ++d) {
        const int32_t v = dims[d];
        if (v < 0)
            return status::error(where + " '" + std::string(out.name) + "': dimension " + std::to_string(d) + " is " +
                                 std::to_string(v) + " (shape dimensions must be >= 0)");
        out.dims.push_back(v);
        if (v && elements > uint64_t(std::numeric_limits<int64_t>::max()) / uint64_t(v)) overflow = true;
        elements *= uint64_t(v);
    }
    const size_t esize = dtype_size(out.type);
    // Types without a fixed element size (string, sub-byte, resource) take at least a byte per element here.
    if (overflow || elements > limits.max_tensor_bytes / (esize ? esize : 1))
        return status::error(where + " '" + std::string(out.name) + "': shape " + out.dims.str() + " of " +
                             dtype_name(out.type) + " exceeds the tensor size limit of " +
                             std::to_string(limits.max_tensor_bytes) + " bytes");
    read_int_list(t, tensor_field::shape_signature, out.shape_signature);
    if (!out.shape_signature.empty() && out.shape_signature.size() != dims.size())
        return status::error(where + ": shape_signature has " + std::to_string(out.shape_signature.size()) +
                             " entries but shape has " + std::to_string(dims.size()));
    out.is_variable = t.scalar<uint8_t>(tensor_field::is_variable, 0) != 0;
    out.has_sparsity = t.has(tensor_field::sparsity);
    out.buffer = t.scalar<uint32_t>(tensor_field::buffer, 0);
    if (out.buffer != 0) {
        if (out.buffer >= buffers.size())
            return status::error(where + " '" + std::string(out.name) + "': buffer index " + std::to_string(out.buffer) +
                                 " is out of range (the model has " + std::to_string(buffers.size()) + " buffers)");
        FLATNN_TRY(buffer_bytes(buffers[out.buffer], file, file_size, out.buffer, out.data, out.data_size));
    }
    if (out.data) {
        if (out.is_variable)
            return status::error(where + " '" + std::string(out.name) + "': a variable tensor must not have constant data");
        if (out.has_sparsity)
            return status::error(where + " '" + std::string(out.name) + "': sparse constant tensors are not supported");
        uint64_t expected = 0;
        if (esize) expected = elements * esize;
        else if (out.type == dtype::int4 || out.type == dtype::uint4) expected = (elements + 1) / 2;
        else if (out.type == dtype::int2) expected = (elements + 3) / 4;
        if ((esize || expected) && out.data_size != expected)
            return status::error(where + " '" + std::string(out.name) + "': buffer " + std::to_string(out.buffer) + " holds " +
                                 std::to_string(out.data_size) + " bytes but shape " + out.dims.str() + " of " +
                                 dtype_name(out.type) + " needs " + std::to_string(expected));
        if (out.type == dtype::string) FLATNN_TRY(check_string_buffer(out.data, out.data_size, elements, where));
        // Kernels read constants through typed pointers: keep them aligned to their element size.
        const size_t align = esize > 8 ? 8 : (esize ? esize : 1);
        if (reinterpret_cast<uintptr_t>(out.data) % align != 0) {
            std::unique_ptr<uint8_t[]> copy(new uint8_t[out.data_size]);
            std::memcpy(copy.get(), out.data, out.data_size);
            out.data = copy.get();
            model.aligned_copies.push_back(std::move(copy));
        }
    }
    if (t.has(tensor_field::quantization)) {
        fb::table q = t.subtable(tensor_field::quantization);
        auto scale = q.vector<float>(quantization_parameters_field::scale);
        auto zp = q.vector<int64_t>(quantization_parameters_field::zero_point);
        if (q.scalar<uint8_t>(quantization_parameters_field::details_type, 0) == 0 && scale.size()) {
            if (zp.size() != scale.size())
                return status::error(where + " '" + std::string(out.name) + "': quantization has " +
                                     std::to_string(scale.size()) + " scales but " + std::to_string(zp.size()) +
                                     " zero points");
            const int32_t axis = q.scalar<int32_t>(quantization_parameters_field::quantized_dimension, 0);
            if (scale.size() > 1) {
                if (axis < 0 || axis >= out.dims.rank())
                    return status::error(where + " '" + std::string(out.name) + "': quantized_dimension " +
                                         std::to_string(axis) + " is outside the tensor's rank " +
                                         std::to_string(out.dims.rank()));
                if (uint32_t(out.dims[axis]) != scale.size())
                    return status::error(where + " '" + std::string(out.name) + "': " + std::to_string(scale.size()) +
                                         " per-channel scales but dimension " + std::to_string(axis) + " has size " +
                                         std::to_string(out.dims[axis]));
            }
            out.quant.axis = axis;
            out.quant.scale.resize(scale.size());
            out.quant.zero_point.resize(zp.size());
            for (uint32_t i = 0; i < scale.size(); ++i) out.quant.scale[i] = scale[i];
            for (uint32_t i = 0; i < zp.size(); ++i) out.quant.zero_point[i] = zp[i];
        }
    }
    return status::ok();
}

inline status load_operator(fb::table o, const std::vector<fb::table>& codes, const uint8_t* file, size_t file_size,
                            size_t sg, size_t oi, size_t n_tensors, operator_info& out) {
    using namespace schema;
    out.file_offset = o.offset();
    out.opcode_index = o.scalar<uint32_t>(operator_field::opcode_index, 0);
    const std::string where0 = "subgraph " + std::to_string(sg) + " op " + std::to_string(oi);
    if (out.opcode_index >= codes.size())
        return status::error(where0 + ": opcode_index " + std::to_string(out.opcode_index) +
                             " is out of range (the model has " + std::to_string(codes.size()) + " operator codes)");
    fb::table code = codes[out.opcode_index];
    const int32_t legacy = code.scalar<int8_t>(operator_code_field::deprecated_builtin_code, 0);
    const int32_t full = code.scalar<int32_t>(operator_code_field::builtin_code, 0);
    out.code = legacy > full ? legacy : full;
    out.custom_code = code.string(operator_code_field::custom_code);
    out.version = code.scalar<int32_t>(operator_code_field::version, 1);
    read_int_list(o, operator_field::inputs, out.inputs);
    read_int_list(o, operator_field::outputs, out.outputs);
    read_int_list(o, operator_field::intermediates, out.intermediates);
    const std::string where = where_op(sg, oi, out);
    FLATNN_TRY(check_index_list(out.inputs, n_tensors, true, where, "inputs"));
    FLATNN_TRY(check_index_list(out.outputs, n_tensors, false, where, "outputs"));
    FLATNN_TRY(check_index_list(out.intermediates, n_tensors, true, where, "intermediates"));
    out.options_type = o.scalar<uint8_t>(operator_field::builtin_options_type, 0);
    out.options = o.subtable(operator_field::builtin_options);
    out.options2_type = o.scalar<uint8_t>(operator_field::builtin_options_2_type, 0);
    out.options2 = o.subtable(operator_field::builtin_options_2);
    if (o.has(operator_field::custom_options)) {
        auto v = o.vector<uint8_t>(operator_field::custom_options);
        out.custom_options = v.data;
        out.custom_options_size = v.size();
    } else {
        const uint64_t off = o.scalar<uint64_t>(operator_field::large_custom_options_offset, 0);
        const uint64_t len = o.scalar<uint64_t>(operator_field::large_custom_options_size, 0);
        if (off > 1) {
            if (off > file_size || len > file_size - off)
                return status::error(where + ": large custom options range lies outside the file");
            out.custom_options = file + off;
            out.custom_options_size = size_t(len);
        }
    }
    return status::ok();
}

// A tensor with no elements has no bytes to produce: the converter leaves such constants without data (e.g. the
// empty shape of a reshape to a scalar). It is readable before any op, but still written once at most: an op's
// prepare may give its output a non-empty shape.
inline bool has_no_elements(const tensor_info& t) noexcept {
    return t.dims.rank() > 0 && t.dims.num_elements() == 0;
}

// Operators must come in execution order: every input exists before the op runs, and no tensor is written twice.
inline status check_execution_order(const subgraph_info& g, size_t sg) {
    std::vector<uint8_t> ready(g.tensors.size(), 0), written(g.tensors.size(), 0);
    for (size_t t = 0; t < g.tensors.size(); ++t)
        if (g.tensors[t].is_constant() || g.tensors[t].is_variable || has_no_elements(g.tensors[t])) ready[t] = 1;
    for (size_t k = 0; k < g.inputs.size(); ++k) {
        const int32_t t = g.inputs[k];
        // The caller writes graph inputs; a constant's bytes belong to the model, shared by every interpreter.
        if (g.tensors[size_t(t)].is_constant())
            return status::error("subgraph " + std::to_string(sg) + ": input " + std::to_string(k) + " (tensor " +
                                 std::to_string(t) + " '" + std::string(g.tensors[size_t(t)].name) +
                                 "') is a constant; a graph input must be writable");
        ready[size_t(t)] = written[size_t(t)] = 1;
    }
    for (size_t i = 0; i < g.operators.size(); ++i) {
        const operator_info& op = g.operators[i];
        for (size_t k = 0; k < op.inputs.size(); ++k) {
            const int32_t t = op.inputs[k];
            if (t >= 0 && !ready[size_t(t)])
                return status::error(where_op(sg, i, op) + ": input " + std::to_string(k) + " reads tensor " +
                                     std::to_string(t) + " '" + std::string(g.tensors[size_t(t)].name) +
                                     "' before any operator produces it (operators must be in execution order)");
        }
        for (size_t k = 0; k < op.outputs.size(); ++k) {
            const int32_t t = op.outputs[k];
            const tensor_info& ti = g.tensors[size_t(t)];
            for (size_t j = 0; j < k; ++j)  // even a variable: two outputs of one kernel must not alias
                if (op.outputs[j] == t)
                    return status::error(where_op(sg, i, op) + ": tensor " + std::to_string(t) + " '" +
                                         std::string(ti.name) + "' is both output " + std::to_string(j) +
                                         " and output " + std::to_string(k));
            if (ti.is_constant())
                return status::error(where_op(sg, i, op) + ": output tensor " + std::to_string(t) + " '" +
                                     std::string(ti.name) + "' is a constant");
            if (written[size_t(t)] && !ti.is_variable)
                return status::error(where_op(sg, i, op) + ": output tensor " + std::to_string(t) + " '" +
                                     std::string(ti.name) + "' is already produced (a graph input or an earlier op)");
            ready[size_t(t)] = written[size_t(t)] = 1;
        }
    }
    for (size_t k = 0; k < g.outputs.size(); ++k) {
        const int32_t t = g.outputs[k];
        if (!ready[size_t(t)])
            return status::error("subgraph " + std::to_string(sg) + ": output " + std::to_string(k) + " (tensor " +
                                 std::to_string(t) + ") is never produced");
    }
    return status::ok();
}

}  // namespace detail

// Verifies `data` and builds the model description. `data` must outlive the result.
inline status load_model(const uint8_t* data, size_t size, const load_limits& limits, loaded_model& out) {
    using namespace schema;
    if (!data && size) return status::error("model data is null");
    fb::verifier v(data, size, fb::verifier_limits{limits.max_depth, uint64_t(1) << 24});
    FLATNN_TRY(v.verify_root(model_desc, "TFL3"));
    const fb::table root = fb::root(data);
    out.version = root.scalar<uint32_t>(model_field::version, 0);
    if (out.version != 3)
        return status::error("schema version is " + std::to_string(out.version) + ": only version 3 files are supported");
    out.description = root.string(model_field::description);

    std::vector<fb::table> codes(root.vector_size(model_field::operator_codes));
    for (uint32_t i = 0; i < codes.size(); ++i) codes[i] = root.table_at(model_field::operator_codes, i);
    std::vector<fb::table> buffers(root.vector_size(model_field::buffers));
    for (uint32_t i = 0; i < buffers.size(); ++i) buffers[i] = root.table_at(model_field::buffers, i);

    const uint32_t n_sub = root.vector_size(model_field::subgraphs);
    if (n_sub == 0) return status::error("the model has no subgraphs");
    out.subgraphs.resize(n_sub);
    for (uint32_t s = 0; s < n_sub; ++s) {
        const fb::table g = root.table_at(model_field::subgraphs, s);
        subgraph_info& sg = out.subgraphs[s];
        sg.name = g.string(subgraph_field::name);
        sg.tensors.resize(g.vector_size(subgraph_field::tensors));
        for (uint32_t t = 0; t < sg.tensors.size(); ++t)
            FLATNN_TRY(detail::load_tensor(g.table_at(subgraph_field::tensors, t), buffers, data, size, limits, s, t,
                                           sg.tensors[t], out));
        detail::read_int_list(g, subgraph_field::inputs, sg.inputs);
        detail::read_int_list(g, subgraph_field::outputs, sg.outputs);
        const std::string where = "subgraph " + std::to_string(s);
        FLATNN_TRY(detail::check_index_list(sg.inputs, sg.tensors.size(), false, where, "inputs"));
        FLATNN_TRY(detail::check_index_list(sg.outputs, sg.tensors.size(), false, where, "outputs"));
        sg.operators.resize(g.vector_size(subgraph_field::operators));
        for (uint32_t o = 0; o < sg.operators.size(); ++o)
            FLATNN_TRY(detail::load_operator(g.table_at(subgraph_field::operators, o), codes, data, size, s, o,
                                             sg.tensors.size(), sg.operators[o]));
        FLATNN_TRY(detail::check_execution_order(sg, s));
    }

    const uint32_t n_sig = root.vector_size(model_field::signature_defs);
    out.signatures.resize(n_sig);
    for (uint32_t i = 0; i < n_sig; ++i) {
        const fb::table sd = root.table_at(model_field::signature_defs, i);
        signature_info& sig = out.signatures[i];
        sig.key = sd.string(signature_def_field::signature_key);
        sig.subgraph = sd.scalar<uint32_t>(signature_def_field::subgraph_index, 0);
        const std::string where = "signature " + std::to_string(i) + " '" + std::string(sig.key) + "'";
        if (sig.subgraph >= n_sub)
            return status::error(where + ": subgraph_index " + std::to_string(sig.subgraph) + " is out of range");
        const size_t nt = out.subgraphs[sig.subgraph].tensors.size();
        for (int list = 0; list < 2; ++list) {
            const int field = list == 0 ? signature_def_field::inputs : signature_def_field::outputs;
            auto& dst = list == 0 ? sig.inputs : sig.outputs;
            for (uint32_t k = 0; k < sd.vector_size(field); ++k) {
                const fb::table m = sd.table_at(field, k);
                const uint32_t t = m.scalar<uint32_t>(tensor_map_field::tensor_index, 0);
                if (t >= nt)
                    return status::error(where + ": " + (list == 0 ? "input" : "output") + " '" +
                                         std::string(m.string(tensor_map_field::name)) + "' names tensor " +
                                         std::to_string(t) + ", out of range");
                dst.emplace_back(m.string(tensor_map_field::name), int32_t(t));
            }
        }
    }

    const uint32_t n_meta = root.vector_size(model_field::metadata);
    for (uint32_t i = 0; i < n_meta; ++i) {
        const fb::table m = root.table_at(model_field::metadata, i);
        metadata_entry e;
        e.name = m.string(metadata_field::name);
        const uint32_t b = m.scalar<uint32_t>(metadata_field::buffer, 0);
        if (b >= buffers.size())
            return status::error("metadata '" + std::string(e.name) + "': buffer index " + std::to_string(b) +
                                 " is out of range");
        FLATNN_TRY(detail::buffer_bytes(buffers[b], data, size, b, e.data, e.size));
        out.metadata.push_back(e);
    }
    return status::ok();
}

}  // namespace flatnn


