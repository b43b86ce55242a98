// The DarwiNN package parser against the facts edgetpu.md §1.3 records for the real compiled models (sizes,
// tokens, hint scripts, layers), and against hostile edits of those bytes: each must give an error that names
// where, never a read outside the buffer.
#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "edgetpu/edgetpu_test_util.hpp"

using namespace flatnn;
using namespace flatnn::test;
namespace et = flatnn::edgetpu;

namespace {

// The hint script in the notation of edgetpu.md §1.3: I<chunk>, A<size> input, P<size> parameters, O<size> output.
std::string script(const et::executable& e) {
    std::string s;
    for (const auto& h : e.hints) {
        if (!s.empty()) s += ",";
        switch (h.kind) {
            case et::hint_kind::instruction: s += "I" + std::to_string(h.chunk); break;
            case et::hint_kind::interrupt: s += "IRQ"; break;
            case et::hint_kind::fence: s += "F"; break;
            case et::hint_kind::dma:
                s += h.desc == et::description::base_address_parameter ? "P"
                     : h.desc == et::description::base_address_input_activation ? "A" : "O";
                s += std::to_string(h.size);
                if (h.offset) s += "@" + std::to_string(h.offset);
        }
    }
    return s;
}

std::vector<uint8_t> custom_options_of(const model& m) {
    const operator_info* op = edgetpu_op(m);
    return std::vector<uint8_t>(op->custom_options, op->custom_options + op->custom_options_size);
}

// Byte offset of the package blob inside the custom options.
size_t package_offset(const std::vector<uint8_t>& options) {
    auto root = flexbuffers::flex_root(options.data(), options.size());
    auto blob = root->as_map()->find("4")->as_blob();
    return size_t(blob->data - options.data());
}

}  // namespace

TEST_CASE("edgetpu package: MobileNet v1 0.25/128 matches the recorded structure") {
    if (!have_shared()) return;
    loaded_edgetpu_model t("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    const et::package& p = *t.pkg;
    CHECK(p.identifier_ok);
    CHECK(p.min_runtime_version == 12);
    CHECK(p.compiler_version == "cl/");
    CHECK(p.options_version == 0);
    CHECK(p.execution_preference == -1);
    REQUIRE(p.chips.size() == 1);
    CHECK(p.chips[0] == 18);
    REQUIRE(p.executables.size() == 2);
    const et::executable& eo = p.main_executable();
    REQUIRE(p.caching_executable() != nullptr);
    const et::executable& pc = *p.caching_executable();
    CHECK(eo.type == et::executable_type::execution_only);
    CHECK(pc.type == et::executable_type::parameter_caching);
    CHECK(eo.name == "model");
    CHECK(pc.name == "Unknown");
    CHECK(eo.chip == "beagle");
    CHECK(eo.token == 0x6d146c3f97d6648cull);
    CHECK(pc.token == eo.token);
    CHECK(eo.narrow_bytes_per_tile == 8996);
    REQUIRE(eo.chunks.size() == 1);
    CHECK(eo.chunks[0].size == 170032);
    CHECK(eo.chunks[0].fields.size() == 8);
    CHECK(eo.parameter_bytes == 0);
    CHECK(pc.chunks[0].size == 12624);
    CHECK(pc.chunks[0].fields.size() == 2);
    CHECK(pc.parameter_bytes == 566912);
    CHECK(script(eo) == "I0,A49152,O1008,IRQ");
    CHECK(script(pc) == "I0,P566912,IRQ");
    CHECK(eo.fully_deterministic);
    // exe A sits at 593,920 in the multi-executable, which starts one page into the package.
    CHECK(eo.offset_in_package % 4096 == 0);
    CHECK(reinterpret_cast<uintptr_t>(pc.parameters) % 4096 == 0);
    // Field offsets: PARAM lo/hi @582/710, SCRATCH @838/966, IN_ACT input hi/lo @8902/9030, OUT_ACT hi/lo.
    const auto& f = eo.chunks[0].fields;
    int params = 0, scratch = 0, in = 0, out = 0;
    for (const auto& x : f) {
        if (x.desc == et::description::base_address_parameter) {
            ++params;
            CHECK((x.offset_bit == 582 || x.offset_bit == 710));
        } else if (x.desc == et::description::base_address_scratch) {
            ++scratch;
            CHECK((x.offset_bit == 838 || x.offset_bit == 966));
        } else if (x.desc == et::description::base_address_input_activation) {
            ++in;
            CHECK(x.name == "input");
            CHECK(x.offset_bit == (x.upper ? 8902u : 9030u));
        } else {
            ++out;
            CHECK((x.offset_bit == 1339462 || x.offset_bit == 1339590));
        }
    }
    CHECK(params == 2);
    CHECK(scratch == 2);
    CHECK(in == 2);
    CHECK(out == 2);
    REQUIRE(eo.inputs.size() == 1);
    const et::layer& li = eo.inputs[0];
    CHECK(li.name == "input");
    CHECK(li.y == 128);
    CHECK(li.x == 128);
    CHECK(li.z == 3);
    CHECK(li.size_bytes == 49152);
    CHECK(li.type == et::data_type::fixed_point8);
    CHECK(li.zero_point == 128);
    CHECK(li.scale == 0.0078125f);
    REQUIRE(eo.outputs.size() == 1);
    const et::layer& lo = eo.outputs[0];
    CHECK(lo.y == 1);
    CHECK(lo.x == 1);
    CHECK(lo.z == 1001);
    CHECK(lo.size_bytes == 1008);
    CHECK(lo.layout.tile_byte_offset.size() == 16);
}

TEST_CASE("edgetpu package: every compiled model parses with the recorded tokens and hint scripts") {
    if (!have_shared()) return;
    struct expect {
        const char* file;
        uint64_t token;
        const char* eo_script;
        size_t eo_instr, pc_instr, pc_params;
    };
    // Tokens, instruction and parameter sizes and scripts from edgetpu.md §1.3 and §3.1.
    const expect cases[] = {
        {"cocompilation/mobilenet_v1_0.25_128_quant_cocompiled_with_mobilenet_v1_0.5_160_quant_edgetpu.tflite",
         0xe2c366fd5d62fa6bull, "I0,A49152,O1008,IRQ", 170032, 12624, 566912},
        {"cocompilation/mobilenet_v1_0.5_160_quant_cocompiled_with_mobilenet_v1_0.25_128_quant_edgetpu.tflite",
         0xe2c366fd5d62fa6bull, "I0,A76800,O1008,IRQ", 205936, 12624, 1473280},
        {"mobilenet_v1_0.5_160_quant_edgetpu.tflite", 0x8ebc2700de21d6aaull, nullptr, 0, 0, 1473280},
        {"posenet/posenet_mobilenet_v1_075_353_481_16_quant_decoder_edgetpu.tflite", 0x26254650b218322full,
         "I0,A509384,O14264,O25672,O45632,IRQ", 118368, 4816, 1444608},
        {"deeplabv3_mnv2_dm05_pascal_quant_edgetpu.tflite", 0x36959a24102f7acdull, "I0,A789512,O278784,O256,IRQ",
         160672, 8016, 766720},
        {"tools/split_concat_edgetpu.tflite", 0x0f5daf073fcc3811ull, "I0,A192,A64,A128,O256,O256,O256,O256,O256,IRQ",
         23648, 1232, 192},
    };
    for (const expect& c : cases) {
        CAPTURE(c.file);
        loaded_edgetpu_model t(c.file);
        const et::executable& eo = t.pkg->main_executable();
        REQUIRE(t.pkg->caching_executable());
        CHECK(eo.token == c.token);
        CHECK(t.pkg->caching_executable()->parameter_bytes == c.pc_params);
        if (c.eo_script) {
            CHECK(script(eo) == c.eo_script);
            CHECK(eo.chunks[0].size == c.eo_instr);
            CHECK(t.pkg->caching_executable()->chunks[0].size == c.pc_instr);
        }
    }
    loaded_edgetpu_model sc("tools/split_concat_edgetpu.tflite");
    CHECK(sc.pkg->min_runtime_version == 13);
    CHECK(sc.pkg->compiler_version == "cl/343520747");
    CHECK(sc.pkg->chips.empty());  // older file: keys 1, 4, 5 only
    for (const std::string& name : edgetpu_models()) {
        CAPTURE(name);
        loaded_edgetpu_model t(name);
        CHECK(t.pkg->warnings.empty());
    }
}

TEST_CASE("edgetpu package: PoseNet keeps execution preference 1 and pads its input") {
    if (!have_shared()) return;
    loaded_edgetpu_model t("posenet/posenet_mobilenet_v1_075_353_481_16_quant_decoder_edgetpu.tflite");
    CHECK(t.pkg->execution_preference == 1);
    const et::layer& in = t.pkg->main_executable().inputs[0];
    CHECK(in.unpadded_bytes() == 509379);
    CHECK(in.size_bytes == 509384);
    const et::layer& heat = t.pkg->main_executable().outputs[0];
    CHECK(heat.y == 23);
    CHECK(heat.x == 31);
    CHECK(heat.z == 17);
    CHECK(heat.size_bytes == 14264);
}

TEST_CASE("edgetpu package: hostile edits give located errors") {
    if (!have_shared()) return;
    auto m = model::from_file(coral_dir() + "/mobilenet_v1_0.25_128_quant_edgetpu.tflite");
    REQUIRE(m.is_ok());
    const std::vector<uint8_t> good = custom_options_of(*m);
    const size_t base = package_offset(good);
    const uint8_t* pkg = good.data() + base;
    const fb::table root = fb::root(pkg);

    SUBCASE("runtime version too new") {
        std::vector<uint8_t> bad = good;
        const uint32_t at = root.offset() + root.field_offset(et::schema::package_field::min_runtime_version);
        const int32_t v = 15;
        std::memcpy(bad.data() + base + at, &v, 4);
        auto r = et::parse_custom_options(bad.data(), bad.size());
        REQUIRE_FALSE(r.is_ok());
        CHECK(r.error().message().find("runtime version 15") != std::string::npos);
    }
    SUBCASE("wrong identifier is only a warning") {
        std::vector<uint8_t> bad = good;
        bad[base + 4] = 'X';
        auto r = et::parse_custom_options(bad.data(), bad.size());
        REQUIRE(r.is_ok());
        CHECK_FALSE(r->identifier_ok);
        CHECK(r->warnings.size() == 1);
    }
    SUBCASE("multi-executable offset out of range") {
        std::vector<uint8_t> bad = good;
        const uint32_t at = root.offset() + root.field_offset(et::schema::package_field::serialized_multi_executable);
        const uint32_t v = 0x7fffff00u;
        std::memcpy(bad.data() + base + at, &v, 4);
        auto r = et::parse_custom_options(bad.data(), bad.size());
        REQUIRE_FALSE(r.is_ok());
        CHECK(r.error().message().find("Package.serialized_multi_executable") != std::string::npos);
    }
    SUBCASE("a DMA hint larger than its layer") {
        // The EO executable's input hint size: find the 49152 after the bitstream and turn it into 49153.
        loaded_edgetpu_model t("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
        const et::executable& eo = t.pkg->main_executable();
        const uint8_t* exe = t.pkg->bytes.data() + eo.offset_in_package;
        const fb::table hints = fb::root(exe).subtable(et::schema::executable_field::dma_hints);
        const fb::table h1 = hints.table_at(et::schema::dma_hints_field::hints, 1).subtable(et::schema::dma_hint_field::any_hint);
        const uint32_t at = uint32_t(exe - t.pkg->bytes.data()) + h1.offset() +
                            h1.field_offset(et::schema::dma_descriptor_hint_field::size_in_bytes);
        std::vector<uint8_t> bad = good;
        int32_t v;
        std::memcpy(&v, bad.data() + base + at, 4);
        REQUIRE(v == 49152);
        v = 49153;
        std::memcpy(bad.data() + base + at, &v, 4);
        auto r = et::parse_custom_options(bad.data(), bad.size());
        REQUIRE_FALSE(r.is_ok());
        CHECK(r.error().message().find("serialized_executables[0].dma_hints.hints[1]") != std::string::npos);
        CHECK(r.error().message().find("outside the input layer of 49152 bytes") != std::string::npos);
    }
    SUBCASE("missing package key") {
        ::std::vector<uint8_t> bad = good;
        // Rename key "4" to "8" (keys are NUL-terminated strings; "4\0" occurs once before the map).
        auto root_value = flexbuffers::flex_root(bad.data(), bad.size());
        auto map = root_value->as_map();
        auto key = map->key_at(1);
        REQUIRE(*key == "4");
        bad[size_t(reinterpret_cast<const uint8_t*>(key->data()) - bad.data())] = '8';
        auto r = et::parse_custom_options(bad.data(), bad.size());
        REQUIRE_FALSE(r.is_ok());
        CHECK(r.error().message().find("key \"4\"") != std::string::npos);
    }
    SUBCASE("truncated options and random byte flips never read out of bounds") {
        for (size_t cut : {size_t(0), size_t(2), size_t(100), good.size() / 2, good.size() - 1}) {
            auto r = et::parse_custom_options(good.data(), cut);
            CHECK_FALSE(r.is_ok());
        }
        std::mt19937 rng(5);
        // Flip bytes in the package's first 16 KiB (tables, vtables, offsets of both executables' headers) and
        // in the executable tables at the end; the parser must answer every time (run under ASan to see reads).
        auto parsed = et::parse_custom_options(good.data(), good.size());
        REQUIRE(parsed.is_ok());
        const size_t eo = parsed->main_executable().offset_in_package;
        const size_t eo_at = base + eo + fb::load<uint32_t>(parsed->bytes.data() + eo) - 4096;  // around its root table
        for (int i = 0; i < 300; ++i) {
            std::vector<uint8_t> bad = good;
            const size_t region = i % 2 ? base + rng() % 16384 : eo_at + rng() % 8192;
            bad[region % bad.size()] ^= uint8_t(1u << (rng() % 8));
            auto r = et::parse_custom_options(bad.data(), bad.size());
            if (!r) CHECK(r.error().message().rfind("edgetpu package: ", 0) == 0);
        }
    }
}
