#pragma once
// Builds synthetic Edge TPU models in tests, for what the compiled models of ../shared do not cover (LSTM state,
// device-driven outputs): a DarwiNN Package (schema/darwinn.fbs) written field by field with flatbuffers' own
// FlatBufferBuilder, wrapped in the FlexBuffer custom_options map of an `edgetpu-custom-op` node, in a .tflite
// made by model_builder.hpp. Field ids come from the generated schema description, an independent writer for our
// reader.
#include <flatbuffers/flatbuffers.h>
#include <flatbuffers/flexbuffers.h>

#include <cstdint>
#include <string>
#include <vector>

#include "flatnn/edgetpu/darwinn_schema_generated.hpp"
#include "support/model_builder.hpp"

namespace flatnn::test::darwinn {

namespace s = flatnn::edgetpu::schema;
using edgetpu::schema::data_type;
using edgetpu::schema::description;

struct field {
    description desc = description::base_address_parameter;
    bool upper = false;
    std::string name;
    int32_t offset_bit = 0;
};

struct hint {
    enum kind_t { dma, instruction, interrupt } kind = instruction;
    bool outfeed = false;
    description desc = description::base_address_parameter;
    std::string name;
    int32_t offset = 0, size = 0, chunk = 0;
};

struct layer {
    std::string name;
    int32_t size_bytes = 0, y = 1, x = 1, z = 1;
    data_type type = data_type::fixed_point8;
    int32_t zero_point = 0;  // DarwiNN's (signed types: TFLite's + 2^(bits-1))
    float scale = 1.0f;
};

struct executable {
    int16_t type = 0;  // STAND_ALONE 0, PARAMETER_CACHING 1, EXECUTION_ONLY 2
    std::string name = "model";
    uint64_t token = 0;
    int32_t scratch_bytes = 0;
    std::vector<uint8_t> bitstream;
    std::vector<field> fields;
    std::vector<uint8_t> parameters;
    std::vector<hint> hints;
    bool fully_deterministic = true;
    std::vector<layer> inputs, outputs;
};

inline std::vector<uint8_t> finish(flatbuffers::FlatBufferBuilder& fbb, flatbuffers::uoffset_t root, const char* id) {
    fbb.Finish(flatbuffers::Offset<void>(root), id);
    return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

inline flatbuffers::uoffset_t build_meta(flatbuffers::FlatBufferBuilder& fbb, description d, bool upper,
                                         const std::string& name) {
    auto n = name.empty() ? flatbuffers::Offset<flatbuffers::String>() : fbb.CreateString(name);
    const auto t = fbb.StartTable();
    fbb.AddElement<int16_t>(vt(s::meta_field::desc), int16_t(d), 0);
    if (!n.IsNull()) fbb.AddOffset(vt(s::meta_field::name), n);
    fbb.AddElement<int16_t>(vt(s::meta_field::position), upper ? 1 : 0, 0);
    return fbb.EndTable(t);
}

inline flatbuffers::uoffset_t build_layer(flatbuffers::FlatBufferBuilder& fbb, const layer& l, bool output) {
    namespace f = s::layer_field;
    auto name = fbb.CreateString(l.name);
    const auto nt = fbb.StartTable();
    fbb.AddElement<int32_t>(vt(s::numerics_constants_field::zero_point), l.zero_point, 0);
    fbb.AddElement<float>(vt(s::numerics_constants_field::dequantization_factor), l.scale, 0.0f);
    const auto numerics = fbb.EndTable(nt);
    const auto at = fbb.StartTable();
    if (output) fbb.AddElement<int16_t>(vt(s::output_layer_field::data_type), int16_t(l.type), 0);
    const auto any = fbb.EndTable(at);
    const auto t = fbb.StartTable();
    fbb.AddOffset(vt(f::name), name);
    fbb.AddElement<int32_t>(vt(f::size_bytes), l.size_bytes, 0);
    fbb.AddElement<int32_t>(vt(f::y_dim), l.y, 0);
    fbb.AddElement<int32_t>(vt(f::x_dim), l.x, 0);
    fbb.AddElement<int32_t>(vt(f::z_dim), l.z, 0);
    fbb.AddOffset(vt(f::numerics), flatbuffers::Offset<void>(numerics));
    fbb.AddElement<int16_t>(vt(f::data_type), int16_t(l.type), 0);
    fbb.AddElement<uint8_t>(vt(f::any_layer_type), output ? s::any_layer_tag::output_layer : s::any_layer_tag::input_layer, 0);
    fbb.AddOffset(vt(f::any_layer), flatbuffers::Offset<void>(any));
    return fbb.EndTable(t);
}

inline std::vector<uint8_t> build_executable(const executable& e) {
    namespace x = s::executable_field;
    flatbuffers::FlatBufferBuilder fbb;
    std::vector<flatbuffers::Offset<void>> fields;
    for (const field& f : e.fields) {
        const auto meta = build_meta(fbb, f.desc, f.upper, f.name);
        const auto t = fbb.StartTable();
        fbb.AddOffset(vt(s::field_offset_field::meta), flatbuffers::Offset<void>(meta));
        fbb.AddElement<int32_t>(vt(s::field_offset_field::offset_bit), f.offset_bit, 0);
        fields.push_back(flatbuffers::Offset<void>(fbb.EndTable(t)));
    }
    auto bits = fbb.CreateVector(e.bitstream);
    auto fv = fbb.CreateVector(fields);
    const auto bt = fbb.StartTable();
    fbb.AddOffset(vt(s::instruction_bitstream_field::bitstream), bits);
    fbb.AddOffset(vt(s::instruction_bitstream_field::field_offsets), fv);
    std::vector<flatbuffers::Offset<void>> bitstreams{flatbuffers::Offset<void>(fbb.EndTable(bt))};

    std::vector<flatbuffers::Offset<void>> hints;
    for (const hint& h : e.hints) {
        flatbuffers::uoffset_t body = 0;
        uint8_t tag = 0;
        if (h.kind == hint::dma) {
            const auto meta = build_meta(fbb, h.desc, false, h.name);
            const auto t = fbb.StartTable();
            fbb.AddOffset(vt(s::dma_descriptor_hint_field::meta), flatbuffers::Offset<void>(meta));
            fbb.AddElement<int32_t>(vt(s::dma_descriptor_hint_field::offset_in_bytes), h.offset, -1);
            fbb.AddElement<int32_t>(vt(s::dma_descriptor_hint_field::size_in_bytes), h.size, -1);
            body = fbb.EndTable(t), tag = s::any_hint_tag::dma_descriptor_hint;
        } else if (h.kind == hint::instruction) {
            const auto t = fbb.StartTable();
            fbb.AddElement<int32_t>(vt(s::instruction_hint_field::instruction_chunk_index), h.chunk, -1);
            body = fbb.EndTable(t), tag = s::any_hint_tag::instruction_hint;
        } else {
            const auto t = fbb.StartTable();
            fbb.AddElement<int16_t>(vt(s::interrupt_hint_field::type), 0, -1);
            body = fbb.EndTable(t), tag = s::any_hint_tag::interrupt_hint;
        }
        const auto t = fbb.StartTable();
        fbb.AddElement<uint8_t>(vt(s::dma_hint_field::any_hint_type), tag, 0);
        fbb.AddOffset(vt(s::dma_hint_field::any_hint), flatbuffers::Offset<void>(body));
        fbb.AddElement<int16_t>(vt(s::dma_hint_field::direction), h.outfeed ? 1 : 0, 0);
        hints.push_back(flatbuffers::Offset<void>(fbb.EndTable(t)));
    }
    auto hv = fbb.CreateVector(hints);
    const auto ht = fbb.StartTable();
    fbb.AddOffset(vt(s::dma_hints_field::hints), hv);
    fbb.AddElement<uint8_t>(vt(s::dma_hints_field::fully_deterministic), e.fully_deterministic ? 1 : 0, 0);
    const auto dma_hints = fbb.EndTable(ht);

    std::vector<flatbuffers::Offset<void>> ins, outs;
    for (const layer& l : e.inputs) ins.push_back(flatbuffers::Offset<void>(build_layer(fbb, l, false)));
    for (const layer& l : e.outputs) outs.push_back(flatbuffers::Offset<void>(build_layer(fbb, l, true)));
    auto bv = fbb.CreateVector(bitstreams);
    auto iv = fbb.CreateVector(ins);
    auto ov = fbb.CreateVector(outs);
    auto params = fbb.CreateVector(e.parameters);
    auto name = fbb.CreateString(e.name);
    auto chip = fbb.CreateString("beagle");
    const auto t = fbb.StartTable();
    fbb.AddOffset(vt(x::name), name);
    fbb.AddElement<int32_t>(vt(x::batch_size), 1, 0);
    fbb.AddElement<int32_t>(vt(x::scratch_size_bytes), e.scratch_bytes, 0);
    fbb.AddOffset(vt(x::instruction_bitstreams), bv);
    if (!e.parameters.empty()) fbb.AddOffset(vt(x::parameters), params);
    fbb.AddOffset(vt(x::dma_hints), flatbuffers::Offset<void>(dma_hints));
    fbb.AddOffset(vt(x::input_layers), iv);
    fbb.AddOffset(vt(x::output_layers), ov);
    fbb.AddOffset(vt(x::chip), chip);
    fbb.AddElement<int16_t>(vt(x::type), e.type, -1);
    fbb.AddElement<uint64_t>(vt(x::parameter_caching_token), e.token, 0);
    return finish(fbb, fbb.EndTable(t), nullptr);
}

// The Package ("DWN1") around a MultiExecutable of `exes`.
inline std::vector<uint8_t> build_package(const std::vector<executable>& exes) {
    flatbuffers::FlatBufferBuilder mfbb;
    std::vector<flatbuffers::Offset<flatbuffers::String>> serialized;
    for (const executable& e : exes) {
        const std::vector<uint8_t> b = build_executable(e);
        serialized.push_back(mfbb.CreateString(reinterpret_cast<const char*>(b.data()), b.size()));
    }
    auto sv = mfbb.CreateVector(serialized);
    const auto mt = mfbb.StartTable();
    mfbb.AddOffset(vt(s::multi_executable_field::serialized_executables), sv);
    const std::vector<uint8_t> multi = finish(mfbb, mfbb.EndTable(mt), nullptr);

    flatbuffers::FlatBufferBuilder fbb;
    auto mv = fbb.CreateVector(multi);
    auto compiler = fbb.CreateString("cl/");
    const auto t = fbb.StartTable();
    fbb.AddElement<int32_t>(vt(s::package_field::min_runtime_version), 12, 0);
    fbb.AddOffset(vt(s::package_field::serialized_multi_executable), mv);
    fbb.AddOffset(vt(s::package_field::compiler_version), compiler);
    return finish(fbb, fbb.EndTable(t), "DWN1");
}

// custom_options as the compiler writes them: {"1": 0, "4": package, "5": -1, "6": [18], "7": []}.
inline std::vector<uint8_t> build_custom_options(const std::vector<uint8_t>& package) {
    ::flexbuffers::Builder fbb;
    fbb.Map([&]() {
        fbb.Int("1", 0);
        fbb.Key("4");
        // Builder::String(ptr, n) copies n + 1 bytes (the terminator): give it a std::string, which has one.
        fbb.String(std::string(package.begin(), package.end()));
        fbb.Int("5", -1);
        fbb.Vector("6", [&]() { fbb.Int(18); });
        fbb.Vector("7", [&]() {});
    });
    fbb.Finish();
    return fbb.GetBuffer();
}

}  // namespace flatnn::test::darwinn
