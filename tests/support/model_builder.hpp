#pragma once
// Builds small .tflite files in tests with flatbuffers' own FlatBufferBuilder (a test-only dependency), so
// the reader is checked against an independent writer and hostile files can be made field by field.
#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace flatnn::test {

inline flatbuffers::voffset_t vt(int id) { return flatbuffers::voffset_t(4 + 2 * id); }

struct tb_tensor {
    std::vector<int32_t> shape;
    int8_t type = 0;  // TensorType
    uint32_t buffer = 0;
    std::string name;
    std::vector<float> scale;
    std::vector<int64_t> zero_point;
    int32_t quantized_dimension = 0;
    bool is_variable = false;
    std::vector<int32_t> shape_signature;
};

inline tb_tensor tt(std::vector<int32_t> shape, int8_t type, uint32_t buffer, std::string name) {
    tb_tensor t;
    t.shape = std::move(shape);
    t.type = type;
    t.buffer = buffer;
    t.name = std::move(name);
    return t;
}

struct tb_op {
    uint32_t opcode_index = 0;
    std::vector<int32_t> inputs, outputs;
    uint8_t options_type = 0;
    std::function<flatbuffers::uoffset_t(flatbuffers::FlatBufferBuilder&)> options;  // builds the options table
    std::vector<uint8_t> custom_options;
    std::vector<int32_t> intermediates;  // written only when non-empty
};

struct tb_signature {
    std::string key;
    uint32_t subgraph = 0;
    std::vector<std::pair<std::string, uint32_t>> inputs, outputs;
};

// A further subgraph (WHILE/IF/CALL_ONCE callees); the model's own fields are subgraph 0.
struct tb_subgraph {
    std::vector<tb_tensor> tensors;
    std::vector<int32_t> inputs, outputs;
    std::vector<tb_op> ops;
};

struct tb_model {
    uint32_t version = 3;
    std::vector<std::pair<int32_t, std::string>> opcodes;  // builtin code, custom name
    std::vector<tb_tensor> tensors;
    std::vector<int32_t> inputs, outputs;
    std::vector<tb_op> ops;
    std::vector<std::vector<uint8_t>> buffers{{}};  // buffer 0 is the empty sentinel
    std::vector<tb_signature> signatures;
    std::vector<tb_subgraph> subgraphs;  // subgraphs 1, 2, ...
};

template <class T>
std::vector<uint8_t> bytes_of(const std::vector<T>& v) {
    std::vector<uint8_t> b(v.size() * sizeof(T));
    if (!v.empty()) std::memcpy(b.data(), v.data(), b.size());
    return b;
}

inline std::vector<uint8_t> build_model(const tb_model& m) {
    using namespace flatbuffers;
    FlatBufferBuilder fbb;
    std::vector<Offset<void>> codes;
    for (const auto& c : m.opcodes) {
        auto name = c.second.empty() ? Offset<String>() : fbb.CreateString(c.second);
        const auto start = fbb.StartTable();
        fbb.AddElement<int8_t>(vt(0), int8_t(c.first < 127 ? c.first : 127), 0);
        if (!c.second.empty()) fbb.AddOffset(vt(1), name);
        fbb.AddElement<int32_t>(vt(3), c.first, 0);
        codes.push_back(Offset<void>(fbb.EndTable(start)));
    }
    std::vector<Offset<void>> subgraphs;
    auto add_subgraph = [&](const tb_subgraph& g, const char* graph_name) {
        std::vector<Offset<void>> tensors;
        for (const auto& t : g.tensors) {
            auto shape = fbb.CreateVector(t.shape);
            auto name = fbb.CreateString(t.name);
            Offset<void> quant;
            if (!t.scale.empty() || !t.zero_point.empty()) {
                auto s = fbb.CreateVector(t.scale);
                auto z = fbb.CreateVector(t.zero_point);
                const auto q = fbb.StartTable();
                fbb.AddOffset(vt(2), s);
                fbb.AddOffset(vt(3), z);
                fbb.AddElement<int32_t>(vt(6), t.quantized_dimension, 0);
                quant = Offset<void>(fbb.EndTable(q));
            }
            Offset<Vector<int32_t>> sig;
            if (!t.shape_signature.empty()) sig = fbb.CreateVector(t.shape_signature);
            const auto start = fbb.StartTable();
            fbb.AddOffset(vt(0), shape);
            fbb.AddElement<int8_t>(vt(1), t.type, 0);
            fbb.AddElement<uint32_t>(vt(2), t.buffer, 0);
            fbb.AddOffset(vt(3), name);
            if (!quant.IsNull()) fbb.AddOffset(vt(4), quant);
            fbb.AddElement<uint8_t>(vt(5), t.is_variable ? 1 : 0, 0);
            if (!sig.IsNull()) fbb.AddOffset(vt(7), sig);
            tensors.push_back(Offset<void>(fbb.EndTable(start)));
        }
        std::vector<Offset<void>> ops;
        for (const auto& o : g.ops) {
            auto in = fbb.CreateVector(o.inputs);
            auto out = fbb.CreateVector(o.outputs);
            Offset<void> opts;
            if (o.options) opts = Offset<void>(o.options(fbb));
            Offset<Vector<uint8_t>> custom;
            if (!o.custom_options.empty()) custom = fbb.CreateVector(o.custom_options);
            Offset<Vector<int32_t>> inter;
            if (!o.intermediates.empty()) inter = fbb.CreateVector(o.intermediates);
            const auto start = fbb.StartTable();
            fbb.AddElement<uint32_t>(vt(0), o.opcode_index, 0);
            fbb.AddOffset(vt(1), in);
            fbb.AddOffset(vt(2), out);
            fbb.AddElement<uint8_t>(vt(3), o.options_type, 0);
            if (!opts.IsNull()) fbb.AddOffset(vt(4), opts);
            if (!custom.IsNull()) fbb.AddOffset(vt(5), custom);
            if (!inter.IsNull()) fbb.AddOffset(vt(8), inter);
            ops.push_back(Offset<void>(fbb.EndTable(start)));
        }
        auto tv = fbb.CreateVector(tensors);
        auto iv = fbb.CreateVector(g.inputs);
        auto ov = fbb.CreateVector(g.outputs);
        auto opv = fbb.CreateVector(ops);
        auto sgname = fbb.CreateString(graph_name);
        const auto sg_start = fbb.StartTable();
        fbb.AddOffset(vt(0), tv);
        fbb.AddOffset(vt(1), iv);
        fbb.AddOffset(vt(2), ov);
        fbb.AddOffset(vt(3), opv);
        fbb.AddOffset(vt(4), sgname);
        subgraphs.push_back(Offset<void>(fbb.EndTable(sg_start)));
    };
    add_subgraph(tb_subgraph{m.tensors, m.inputs, m.outputs, m.ops}, "main");
    for (const tb_subgraph& g : m.subgraphs) add_subgraph(g, "callee");
    std::vector<Offset<void>> buffers;
    for (const auto& b : m.buffers) {
        Offset<Vector<uint8_t>> data;
        if (!b.empty()) {
            fbb.ForceVectorAlignment(b.size(), 1, 16);
            data = fbb.CreateVector(b);
        }
        const auto start = fbb.StartTable();
        if (!data.IsNull()) fbb.AddOffset(vt(0), data);
        buffers.push_back(Offset<void>(fbb.EndTable(start)));
    }
    std::vector<Offset<void>> sigs;
    for (const auto& s : m.signatures) {
        std::vector<Offset<void>> lists[2];
        for (int l = 0; l < 2; ++l)
            for (const auto& e : l == 0 ? s.inputs : s.outputs) {
                auto name = fbb.CreateString(e.first);
                const auto start = fbb.StartTable();
                fbb.AddOffset(vt(0), name);
                fbb.AddElement<uint32_t>(vt(1), e.second, 0);
                lists[l].push_back(Offset<void>(fbb.EndTable(start)));
            }
        auto in = fbb.CreateVector(lists[0]);
        auto out = fbb.CreateVector(lists[1]);
        auto key = fbb.CreateString(s.key);
        const auto start = fbb.StartTable();
        fbb.AddOffset(vt(0), in);
        fbb.AddOffset(vt(1), out);
        fbb.AddOffset(vt(2), key);
        fbb.AddElement<uint32_t>(vt(4), s.subgraph, 0);
        sigs.push_back(Offset<void>(fbb.EndTable(start)));
    }
    auto codes_v = fbb.CreateVector(codes);
    auto sg_v = fbb.CreateVector(subgraphs);
    auto buf_v = fbb.CreateVector(buffers);
    auto sig_v = fbb.CreateVector(sigs);
    auto desc = fbb.CreateString("flatnn test builder");
    const auto root = fbb.StartTable();
    fbb.AddElement<uint32_t>(vt(0), m.version, 0);
    fbb.AddOffset(vt(1), codes_v);
    fbb.AddOffset(vt(2), sg_v);
    fbb.AddOffset(vt(3), desc);
    fbb.AddOffset(vt(4), buf_v);
    if (!m.signatures.empty()) fbb.AddOffset(vt(7), sig_v);
    fbb.Finish(Offset<void>(fbb.EndTable(root)), "TFL3");
    return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

}  // namespace flatnn::test
