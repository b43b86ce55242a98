#pragma once
// The DarwiNN package inside an `edgetpu-custom-op` node (edgetpu.md §1): custom_options is a FlexBuffer map whose
// key "4" holds a Package FlatBuffer ("DWN1"); its MultiExecutable holds one to three Executable FlatBuffers.
// Every FlatBuffer is verified against the descriptions generated from schema/darwinn.fbs before it is read, and
// every offset, size and index the runtime will later use (hints, field offsets, output tile maps) is checked here,
// so the sequencer and the host re-layout never need to bounds-check again.
#include <atomic>
#include <cstring>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "flatnn/core/status.hpp"
#include "flatnn/edgetpu/package_types.hpp"
#include "flatnn/model/fb_reader.hpp"
#include "flatnn/model/fb_verifier.hpp"
#include "flatnn/model/flexbuffers.hpp"

namespace flatnn::edgetpu {

namespace detail {

inline uint64_t next_executable_id() noexcept {
    static std::atomic<uint64_t> counter{0};
    return ++counter;
}

inline status fail(const std::string& where, const std::string& what) {
    return status::error("edgetpu package: " + where + ": " + what);
}

// Verifies a FlatBuffer embedded at `offset` of the package; errors name the path and both offsets.
inline status verify_nested(const uint8_t* data, size_t size, const fb::table_desc& desc, const std::string& where,
                            size_t offset) {
    if (size < 8)
        return fail(where + " (at byte " + std::to_string(offset) + " of the package)",
                    std::to_string(size) + " bytes is too short for a FlatBuffer");
    fb::verifier v(data, size);
    status s = v.verify_root(desc, nullptr);
    if (!s) return fail(where + " (at byte " + std::to_string(offset) + " of the package)", s.message());
    return status::ok();
}

inline std::vector<int32_t> int_vector(const fb::table& t, int id) {
    const auto v = t.vector<int32_t>(id);
    std::vector<int32_t> out(v.size());
    for (uint32_t i = 0; i < v.size(); ++i) out[i] = v[i];
    return out;
}

inline bool valid_data_type(int16_t v) noexcept { return (v >= 0 && v <= 5) || v == 8 || v == 9; }

// Checks that every (y, x) row of z elements the tile maps address lies inside the padded layer.
inline status check_layout(const layer& l, const std::string& where) {
    const output_layout& o = l.layout;
    const size_t Y = size_t(l.y), X = size_t(l.x);
    if (o.y_tile.size() != Y || o.y_local_offset.size() != Y || o.x_tile.size() != X ||
        o.x_local_byte_offset.size() != X || o.x_row_size.size() != X)
        return fail(where, "output layout maps have lengths y " + std::to_string(o.y_tile.size()) + "/" +
                               std::to_string(o.y_local_offset.size()) + ", x " + std::to_string(o.x_tile.size()) +
                               "/" + std::to_string(o.x_local_byte_offset.size()) + "/" +
                               std::to_string(o.x_row_size.size()) + " for a layer of y " + std::to_string(Y) +
                               ", x " + std::to_string(X));
    const int64_t run = int64_t(l.z) * int64_t(l.element_bytes());
    for (size_t y = 0; y < Y; ++y)
        for (size_t x = 0; x < X; ++x) {
            const int64_t tile = int64_t(o.y_tile[y]) + int64_t(o.x_tile[x]);
            if (tile < 0 || uint64_t(tile) >= o.tile_byte_offset.size())
                return fail(where, "output layout: tile " + std::to_string(tile) + " of (y " + std::to_string(y) +
                                       ", x " + std::to_string(x) + ") is not among the " +
                                       std::to_string(o.tile_byte_offset.size()) + " tiles");
            const int64_t at = int64_t(o.tile_byte_offset[size_t(tile)]) +
                               int64_t(o.y_local_offset[y]) * int64_t(o.x_row_size[x]) +
                               int64_t(o.x_local_byte_offset[x]);
            if (at < 0 || at + run > int64_t(l.size_bytes))
                return fail(where, "output layout: bytes [" + std::to_string(at) + ", " + std::to_string(at + run) +
                                       ") of (y " + std::to_string(y) + ", x " + std::to_string(x) +
                                       ") lie outside the layer's " + std::to_string(l.size_bytes) + " bytes");
        }
    return status::ok();
}

inline status read_layer(const fb::table& t, bool output, layer& l, const std::string& where) {
    namespace f = schema::layer_field;
    l.name = t.string(f::name);
    const int32_t size = t.scalar<int32_t>(f::size_bytes, 0);
    l.y = t.scalar<int32_t>(f::y_dim, 0);
    l.x = t.scalar<int32_t>(f::x_dim, 0);
    l.z = t.scalar<int32_t>(f::z_dim, 0);
    const int16_t type = t.scalar<int16_t>(f::data_type, 0);
    l.execution_count = t.scalar<int32_t>(f::execution_count_per_inference, 1);
    if (!valid_data_type(type)) return fail(where, "unknown data type " + std::to_string(type));
    l.type = data_type(type);
    if (l.y < 1 || l.x < 1 || l.z < 1 || l.y > (1 << 20) || l.x > (1 << 20) || l.z > (1 << 24) || size < 0)
        return fail(where, "invalid dimensions y " + std::to_string(l.y) + ", x " + std::to_string(l.x) + ", z " +
                               std::to_string(l.z) + " or size " + std::to_string(size));
    l.size_bytes = uint32_t(size);
    if (l.unpadded_bytes() > l.size_bytes)
        return fail(where, "layer '" + std::string(l.name) + "' of " + std::to_string(l.y) + "x" +
                               std::to_string(l.x) + "x" + std::to_string(l.z) + " " + data_type_name(l.type) +
                               " needs " + std::to_string(l.unpadded_bytes()) + " bytes but declares size_bytes " +
                               std::to_string(l.size_bytes));
    if (l.execution_count != 1)
        return fail(where, "execution_count_per_inference " + std::to_string(l.execution_count) +
                               " is not supported (only 1)");
    const fb::table num = t.subtable(f::numerics);
    if (num.valid()) {
        l.zero_point = num.scalar<int32_t>(schema::numerics_constants_field::zero_point, 0);
        l.scale = num.scalar<float>(schema::numerics_constants_field::dequantization_factor, 0.0f);
    }
    const fb::table shape = t.subtable(f::shape);
    if (shape.valid()) {
        const auto dims = shape.vector<int64_t>(schema::tensor_shape_field::dimension);
        for (uint32_t i = 0; i < dims.size(); ++i) {
            const uint8_t* p = dims.data + size_t(i) * 8;
            l.shape.emplace_back(fb::load<int32_t>(p), fb::load<int32_t>(p + 4));
        }
    }
    const uint8_t tag = t.scalar<uint8_t>(f::any_layer_type, 0);
    if (output && tag == schema::any_layer_tag::output_layer) {
        const fb::table ol = t.subtable(f::any_layer);
        const fb::table lay = ol.subtable(schema::output_layer_field::layout);
        if (lay.valid()) {
            namespace o = schema::output_layout_field;
            l.layout.y_tile = int_vector(lay, o::y_coordinate_to_linear_tile_id_map);
            l.layout.x_tile = int_vector(lay, o::x_coordinate_to_linear_tile_id_map);
            l.layout.tile_byte_offset = int_vector(lay, o::linearized_tile_byte_offset);
            l.layout.x_local_byte_offset = int_vector(lay, o::x_coordinate_to_local_byte_offset);
            l.layout.y_local_offset = int_vector(lay, o::y_coordinate_to_local_y_offset);
            l.layout.x_row_size = int_vector(lay, o::x_coordinate_to_local_y_row_size);
            if (l.layout.y_tile.empty() && l.layout.x_tile.empty() && l.layout.tile_byte_offset.empty())
                l.layout = output_layout{};
            else
                FLATNN_TRY(check_layout(l, where + " ('" + std::string(l.name) + "')"));
        }
        if (ol.subtable(schema::output_layer_field::shape_info).valid())
            return fail(where, "output shape_info (sliced outputs) is not supported");
    }
    // A multi-dimensional output without tile maps would be re-laid out wrongly: the runtime requires them.
    if (output && l.layout.empty() && l.size_bytes != l.unpadded_bytes() && l.y * l.x > 1)
        return fail(where, "padded output layer '" + std::string(l.name) + "' of y " + std::to_string(l.y) +
                               ", x " + std::to_string(l.x) + " has no output layout");
    return status::ok();
}

inline int find_layer(const std::vector<layer>& layers, std::string_view name) {
    for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i].name == name) return int(i);
    return -1;
}

inline status read_hints(const fb::table& exe, executable& e, const std::string& where) {
    namespace x = schema::executable_field;
    const fb::table hints = exe.subtable(x::dma_hints);
    if (!hints.valid()) return status::ok();
    e.fully_deterministic = hints.scalar<bool>(schema::dma_hints_field::fully_deterministic, false);
    const uint32_t n = hints.vector_size(schema::dma_hints_field::hints);
    for (uint32_t i = 0; i < n; ++i) {
        const std::string at = where + ".dma_hints.hints[" + std::to_string(i) + "]";
        const fb::table h = hints.table_at(schema::dma_hints_field::hints, i);
        dma_hint d;
        const int16_t dir = h.scalar<int16_t>(schema::dma_hint_field::direction, 0);
        if (dir != 0 && dir != 1) return fail(at, "unknown direction " + std::to_string(dir));
        d.dir = direction(dir);
        const uint8_t tag = h.scalar<uint8_t>(schema::dma_hint_field::any_hint_type, 0);
        const fb::table body = h.subtable(schema::dma_hint_field::any_hint);
        switch (tag) {
            case schema::any_hint_tag::dma_descriptor_hint: {
                namespace dd = schema::dma_descriptor_hint_field;
                d.kind = hint_kind::dma;
                const int32_t off = body.scalar<int32_t>(dd::offset_in_bytes, 0);
                const int32_t size = body.scalar<int32_t>(dd::size_in_bytes, 0);
                if (off < 0 || size <= 0) return fail(at, "invalid offset " + std::to_string(off) + " or size " +
                                                              std::to_string(size));
                d.offset = uint32_t(off);
                d.size = uint32_t(size);
                const fb::table meta = body.subtable(dd::meta);
                if (!meta.valid()) return fail(at, "DMA hint without meta");
                const int16_t desc = meta.scalar<int16_t>(schema::meta_field::desc, 0);
                if (desc < 0 || desc > 3) return fail(at, "unknown buffer description " + std::to_string(desc));
                d.desc = description(desc);
                d.name = meta.string(schema::meta_field::name);
                uint64_t limit = 0;
                const char* buffer = "";
                if (d.desc == description::base_address_parameter) {
                    if (d.dir != direction::infeed) return fail(at, "parameters can only be sent to the device");
                    limit = e.parameter_bytes, buffer = "parameters";
                } else if (d.desc == description::base_address_input_activation) {
                    if (d.dir != direction::infeed) return fail(at, "input activations can only be sent to the device");
                    d.layer = find_layer(e.inputs, d.name);
                    if (d.layer < 0) return fail(at, "names input layer '" + std::string(d.name) + "', which does not exist");
                    limit = e.inputs[size_t(d.layer)].size_bytes, buffer = "input layer";
                } else if (d.desc == description::base_address_output_activation) {
                    if (d.dir != direction::outfeed) return fail(at, "output activations can only come from the device");
                    d.layer = find_layer(e.outputs, d.name);
                    if (d.layer < 0) return fail(at, "names output layer '" + std::string(d.name) + "', which does not exist");
                    limit = e.outputs[size_t(d.layer)].size_bytes, buffer = "output layer";
                } else {
                    return fail(at, "DMA of the scratch buffer is not supported");
                }
                if (uint64_t(d.offset) + d.size > limit)
                    return fail(at, std::string("bytes [") + std::to_string(d.offset) + ", " +
                                        std::to_string(uint64_t(d.offset) + d.size) + ") lie outside the " + buffer +
                                        " of " + std::to_string(limit) + " bytes");
                break;
            }
            case schema::any_hint_tag::instruction_hint: {
                d.kind = hint_kind::instruction;
                const int32_t c = body.scalar<int32_t>(schema::instruction_hint_field::instruction_chunk_index, 0);
                if (c < 0 || size_t(c) >= e.chunks.size())
                    return fail(at, "instruction chunk " + std::to_string(c) + " does not exist (the executable has " +
                                        std::to_string(e.chunks.size()) + ")");
                if (d.dir != direction::infeed) return fail(at, "instructions can only be sent to the device");
                d.chunk = uint32_t(c);
                break;
            }
            case schema::any_hint_tag::interrupt_hint:
                d.kind = hint_kind::interrupt;
                d.interrupt = body.scalar<int16_t>(schema::interrupt_hint_field::type, 0);
                break;
            case schema::any_hint_tag::fence_hint: d.kind = hint_kind::fence; break;
            default: return fail(at, "unknown hint type " + std::to_string(tag));
        }
        e.hints.push_back(d);
    }
    return status::ok();
}

inline status read_executable(const uint8_t* data, size_t size, size_t offset, executable& e, const std::string& where) {
    FLATNN_TRY(verify_nested(data, size, schema::executable_desc, where, offset));
    namespace x = schema::executable_field;
    const fb::table t = fb::root(data);
    e.id = next_executable_id();
    e.offset_in_package = offset;
    const int16_t type = t.scalar<int16_t>(x::type, 0);
    if (type < 0 || type > 2) return fail(where, "unknown executable type " + std::to_string(type));
    e.type = executable_type(type);
    e.name = t.string(x::name);
    e.chip = t.string(x::chip);
    e.token = t.scalar<uint64_t>(x::parameter_caching_token, 0);
    e.batch_size = t.scalar<int32_t>(x::batch_size, 0);
    e.scratch_bytes = t.scalar<int32_t>(x::scratch_size_bytes, 0);
    e.narrow_bytes_per_tile = t.scalar<int32_t>(x::used_narrow_memory_bytes_per_tile, 0);
    if (e.batch_size > 1) return fail(where, "batch size " + std::to_string(e.batch_size) + " is not supported (only 1)");
    const auto params = t.vector<uint8_t>(x::parameters);
    e.parameters = params.data;
    e.parameter_bytes = params.size();
    const uint32_t nb = t.vector_size(x::instruction_bitstreams);
    for (uint32_t i = 0; i < nb; ++i) {
        const std::string at = where + ".instruction_bitstreams[" + std::to_string(i) + "]";
        const fb::table b = t.table_at(x::instruction_bitstreams, i);
        const auto bits = b.vector<uint8_t>(schema::instruction_bitstream_field::bitstream);
        instruction_chunk c;
        c.data = bits.data;
        c.size = bits.size();
        const uint32_t nf = b.vector_size(schema::instruction_bitstream_field::field_offsets);
        for (uint32_t k = 0; k < nf; ++k) {
            const fb::table fo = b.table_at(schema::instruction_bitstream_field::field_offsets, k);
            const fb::table meta = fo.subtable(schema::field_offset_field::meta);
            field_offset f;
            const int32_t bit = fo.scalar<int32_t>(schema::field_offset_field::offset_bit, 0);
            if (bit < 0 || uint64_t(bit) + 32 > uint64_t(c.size) * 8)
                return fail(at + ".field_offsets[" + std::to_string(k) + "]",
                            "bit offset " + std::to_string(bit) + " + 32 lies outside the " + std::to_string(c.size) +
                                "-byte bitstream");
            f.offset_bit = uint32_t(bit);
            if (meta.valid()) {
                const int16_t desc = meta.scalar<int16_t>(schema::meta_field::desc, 0);
                const int16_t pos = meta.scalar<int16_t>(schema::meta_field::position, 0);
                if (desc < 0 || desc > 3 || pos < 0 || pos > 1)
                    return fail(at + ".field_offsets[" + std::to_string(k) + "]",
                                "unknown description " + std::to_string(desc) + " or position " + std::to_string(pos));
                f.desc = description(desc);
                f.upper = pos == 1;
                f.batch = meta.scalar<int32_t>(schema::meta_field::batch, 0);
                f.name = meta.string(schema::meta_field::name);
            }
            c.fields.push_back(f);
        }
        e.chunks.push_back(std::move(c));
    }
    for (int out = 0; out < 2; ++out) {
        const int id = out ? x::output_layers : x::input_layers;
        const uint32_t n = t.vector_size(id);
        for (uint32_t i = 0; i < n; ++i) {
            layer l;
            FLATNN_TRY(read_layer(t.table_at(id, i), out != 0, l,
                                  where + (out ? ".output_layers[" : ".input_layers[") + std::to_string(i) + "]"));
            (out ? e.outputs : e.inputs).push_back(std::move(l));
        }
    }
    return read_hints(t, e, where);
}

// §1.1: one executable runs alone whatever its type; {PC, EO} runs EO after caching PC; {PC, EO, SA} runs SA.
inline status select_executables(package& p) {
    int by_type[3] = {-1, -1, -1};
    for (size_t i = 0; i < p.executables.size(); ++i) {
        int& slot = by_type[int(p.executables[i].type)];
        if (slot >= 0)
            return fail("MultiExecutable", std::string("two ") + executable_type_name(p.executables[i].type) +
                                               " executables (" + std::to_string(slot) + " and " + std::to_string(i) + ")");
        slot = int(i);
    }
    const size_t n = p.executables.size();
    if (n == 1) {
        p.main = 0;
        return status::ok();
    }
    const int sa = by_type[0], pc = by_type[1], eo = by_type[2];
    if (n == 2 && pc >= 0 && eo >= 0) {
        p.main = eo, p.caching = pc;
        return status::ok();
    }
    if (n == 3 && sa >= 0 && pc >= 0 && eo >= 0) {
        p.main = sa;
        return status::ok();
    }
    std::string types;
    for (const auto& e : p.executables) types += std::string(types.empty() ? "" : ", ") + executable_type_name(e.type);
    return fail("MultiExecutable", "unsupported combination of executables {" + types +
                                       "} (expected one, {PARAMETER_CACHING, EXECUTION_ONLY} or all three types)");
}

}  // namespace detail

// Parses an `edgetpu-custom-op` node's custom_options. The package is copied; `options` need not outlive it.
inline result<package> parse_custom_options(const uint8_t* options, size_t size) {
    using detail::fail;
    auto root = flexbuffers::flex_root(options, size);
    if (!root) return fail("custom_options", root.error().message());
    auto map = root->as_map();
    if (!map) return fail("custom_options", "not a FlexBuffer map: " + map.error().message());
    package p;
    auto int_key = [&](const char* key, int64_t& out) -> status {
        auto v = map->find(key);
        if (!v) return fail(std::string("custom_options key \"") + key + "\"", v.error().message());
        if (v->is_null()) return status::ok();
        auto i = v->as_int64();
        if (!i) return fail(std::string("custom_options key \"") + key + "\"", i.error().message());
        out = *i;
        return status::ok();
    };
    FLATNN_TRY(int_key("1", p.options_version));
    FLATNN_TRY(int_key("5", p.execution_preference));
    auto vector_key = [&](const char* key, std::vector<int64_t>* values, bool& present, size_t& count) -> status {
        auto v = map->find(key);
        if (!v) return fail(std::string("custom_options key \"") + key + "\"", v.error().message());
        present = !v->is_null();
        if (!present) return status::ok();
        auto vec = v->as_vector();
        if (!vec) return fail(std::string("custom_options key \"") + key + "\"", vec.error().message());
        count = vec->size();
        for (size_t i = 0; values && i < vec->size(); ++i) {
            auto e = vec->at(i);
            if (!e) return fail(std::string("custom_options key \"") + key + "\"", e.error().message());
            auto n = e->as_int64();
            if (!n) return fail(std::string("custom_options key \"") + key + "\"", n.error().message());
            values->push_back(*n);
        }
        return status::ok();
    };
    bool has6 = false, has7 = false;
    size_t n6 = 0, n7 = 0;
    FLATNN_TRY(vector_key("6", &p.chips, has6, n6));
    FLATNN_TRY(vector_key("7", nullptr, has7, n7));
    if (n7 > 0) return fail("custom_options key \"7\"", "multiple-executable custom ops are not supported");
    if (has6 && n6 != 1 + n7)
        return fail("custom_options key \"6\"", "has " + std::to_string(n6) + " chips for " + std::to_string(1 + n7) +
                                                    " executables");
    if (auto deprecated = map->find("3"); deprecated && !deprecated->is_null())
        p.warnings.push_back("custom_options key \"3\" (old parameter-caching executable) is ignored");

    auto blob_value = map->find("4");
    if (!blob_value) return fail("custom_options key \"4\"", blob_value.error().message());
    if (blob_value->is_null()) return fail("custom_options", "key \"4\" (the DarwiNN package) is missing");
    auto blob = blob_value->as_blob();
    if (!blob) return fail("custom_options key \"4\"", blob.error().message());
    p.bytes = aligned_buffer(blob->data, blob->size);
    if (blob->size && !p.bytes.data())
        return fail("custom_options key \"4\"", "cannot allocate " + std::to_string(blob->size) + " bytes");
    const uint8_t* pkg = p.bytes.data();
    const size_t pkg_size = p.bytes.size();

    if (pkg_size < 8) return fail("Package", std::to_string(pkg_size) + " bytes is too short for a FlatBuffer");
    {
        fb::verifier v(pkg, pkg_size);
        status s = v.verify_root(schema::package_desc, nullptr);
        if (!s) return fail("Package", s.message());
    }
    p.identifier_ok = std::memcmp(pkg + 4, "DWN1", 4) == 0;
    if (!p.identifier_ok) p.warnings.push_back("package identifier is not \"DWN1\"");
    namespace pf = schema::package_field;
    const fb::table root_table = fb::root(pkg);
    p.min_runtime_version = root_table.scalar<int32_t>(pf::min_runtime_version, 0);
    p.keypair_version = root_table.scalar<int32_t>(pf::keypair_version, 0);
    p.virtual_chip_id = root_table.scalar<int32_t>(pf::virtual_chip_id, 0);
    p.compiler_version = root_table.string(pf::compiler_version);
    p.model_identifier = root_table.string(pf::model_identifier);
    if (p.min_runtime_version > runtime_version)
        return fail("Package", "needs runtime version " + std::to_string(p.min_runtime_version) +
                                   "; this backend implements " + std::to_string(runtime_version) +
                                   " (recompile the model with edgetpu_compiler -m " + std::to_string(runtime_version) + ")");
    if (p.min_runtime_version < 10)
        p.warnings.push_back("package runtime version " + std::to_string(p.min_runtime_version) + " is older than 10");
    if (p.virtual_chip_id == -1 || root_table.vector_size(pf::multi_chip_package) > 0)
        return fail("Package", "multi-chip packages are not supported");

    const auto multi = root_table.vector<uint8_t>(pf::serialized_multi_executable);
    if (multi.empty()) return fail("Package", "serialized_multi_executable is empty");
    const size_t multi_offset = size_t(multi.data - pkg);
    FLATNN_TRY(detail::verify_nested(multi.data, multi.size(), schema::multi_executable_desc, "MultiExecutable",
                                     multi_offset));
    const fb::table me = fb::root(multi.data);
    const uint32_t n = me.vector_size(schema::multi_executable_field::serialized_executables);
    if (n == 0) return fail("MultiExecutable", "holds no executable");
    if (n > 3) return fail("MultiExecutable", "holds " + std::to_string(n) + " executables (at most 3)");
    for (uint32_t i = 0; i < n; ++i) {
        const std::string_view s = me.string_at(schema::multi_executable_field::serialized_executables, i);
        const auto* data = reinterpret_cast<const uint8_t*>(s.data());
        executable e;
        FLATNN_TRY(detail::read_executable(data, s.size(), size_t(data - pkg), e,
                                           "MultiExecutable.serialized_executables[" + std::to_string(i) + "]"));
        p.executables.push_back(std::move(e));
    }
    FLATNN_TRY(detail::select_executables(p));
    // Not fully deterministic hints (LSTM) leave the outputs to DMAs the device announces itself (sequencer.hpp);
    // outputs split between hints and such DMAs are not supported.
    for (const executable& e : p.executables)
        if (!e.fully_deterministic)
            for (const dma_hint& h : e.hints)
                if (h.kind == hint_kind::dma && h.dir == direction::outfeed)
                    return fail("Executable '" + std::string(e.name) + "'",
                                "DMA hints are not fully deterministic yet announce output '" + std::string(h.name) +
                                    "' (mixed hinted and device-driven outputs are not supported)");
    return p;
}

}  // namespace flatnn::edgetpu
