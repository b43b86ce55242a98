#pragma once
// What the Edge TPU package parser produces (package.hpp): executables, layers, DMA hints and instruction chunks,
// with the enum names used in messages and by `flatnn inspect`. Pointers and views point into the package's
// aligned copy, which the `package` owns.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "flatnn/edgetpu/aligned_buffer.hpp"
#include "flatnn/edgetpu/darwinn_schema_generated.hpp"

namespace flatnn::edgetpu {

inline constexpr std::string_view custom_op_name = "edgetpu-custom-op";
inline constexpr int32_t runtime_version = 14;  // libedgetpu 16.0 "Grouper": newer packages are refused

using data_type = schema::data_type;
using executable_type = schema::executable_type;
using description = schema::description;
using direction = schema::direction;

inline const char* data_type_name(data_type t) noexcept {
    switch (t) {
        case data_type::fixed_point8: return "FIXED_POINT8";
        case data_type::fixed_point16: return "FIXED_POINT16";
        case data_type::signed_fixed_point32: return "SIGNED_FIXED_POINT32";
        case data_type::bfloat: return "BFLOAT";
        case data_type::half: return "HALF";
        case data_type::single: return "SINGLE";
        case data_type::signed_fixed_point8: return "SIGNED_FIXED_POINT8";
        case data_type::signed_fixed_point16: return "SIGNED_FIXED_POINT16";
    }
    return "unknown";
}
// 0 for values outside the enum.
inline size_t data_type_bytes(data_type t) noexcept {
    switch (t) {
        case data_type::fixed_point8: case data_type::signed_fixed_point8: return 1;
        case data_type::fixed_point16: case data_type::signed_fixed_point16: case data_type::bfloat:
        case data_type::half: return 2;
        case data_type::signed_fixed_point32: case data_type::single: return 4;
    }
    return 0;
}
// Signed types travel with their top bit flipped (the device works on offset-binary values).
inline bool data_type_signed(data_type t) noexcept {
    return t == data_type::signed_fixed_point8 || t == data_type::signed_fixed_point16 ||
           t == data_type::signed_fixed_point32;
}
inline const char* executable_type_name(executable_type t) noexcept {
    switch (t) {
        case executable_type::stand_alone: return "STAND_ALONE";
        case executable_type::parameter_caching: return "PARAMETER_CACHING";
        case executable_type::execution_only: return "EXECUTION_ONLY";
    }
    return "unknown";
}
inline const char* description_name(description d) noexcept {
    switch (d) {
        case description::base_address_output_activation: return "OUTPUT";
        case description::base_address_input_activation: return "INPUT";
        case description::base_address_parameter: return "PARAMETER";
        case description::base_address_scratch: return "SCRATCH";
    }
    return "unknown";
}

// A 32-bit immediate the driver patches with an address before sending the bitstream.
struct field_offset {
    description desc = description::base_address_parameter;
    bool upper = false;          // upper (true) or lower 32 bits of the address
    int32_t batch = 0;
    std::string_view name;       // layer name for activations
    uint32_t offset_bit = 0;     // offset_bit + 32 <= bitstream bits (checked)
};

struct instruction_chunk {
    const uint8_t* data = nullptr;
    size_t size = 0;
    std::vector<field_offset> fields;
};

enum class hint_kind : uint8_t { dma, instruction, interrupt, fence };

struct dma_hint {
    hint_kind kind = hint_kind::fence;
    direction dir = direction::infeed;
    // dma: which buffer (and layer, by index into the executable's inputs or outputs), offset and size (checked
    // against the buffer's size)
    description desc = description::base_address_parameter;
    std::string_view name;
    int32_t layer = -1;
    uint32_t offset = 0, size = 0;
    uint32_t chunk = 0;          // instruction: index of the chunk (checked)
    int32_t interrupt = 0;       // interrupt: scalar core interrupt number
};

// Tile maps of a tiled output (edgetpu.md §6 item 4); lengths and every resulting byte range are checked.
struct output_layout {
    std::vector<int32_t> y_tile, x_tile, tile_byte_offset, x_local_byte_offset, y_local_offset, x_row_size;
    bool empty() const noexcept { return y_tile.empty(); }
};

struct layer {
    std::string_view name;
    uint32_t size_bytes = 0;     // padded, batch 1
    int32_t y = 1, x = 1, z = 1;
    data_type type = data_type::fixed_point8;
    int32_t zero_point = 0;      // DarwiNN's: TFLite's + 2^(bits-1) for signed types
    float scale = 0.0f;
    int32_t execution_count = 1;
    output_layout layout;        // outputs only; may be empty (single tile)
    std::vector<std::pair<int32_t, int32_t>> shape;  // inclusive ranges, when given
    size_t element_bytes() const noexcept { return data_type_bytes(type); }
    size_t unpadded_bytes() const noexcept { return size_t(y) * size_t(x) * size_t(z) * element_bytes(); }
};

struct executable {
    uint64_t id = 0;             // unique per parsed executable in this process: the parameter-cache key
    executable_type type = executable_type::stand_alone;
    std::string_view name, chip;
    uint64_t token = 0;
    int32_t batch_size = 1;
    int32_t scratch_bytes = 0;
    int32_t narrow_bytes_per_tile = 0;
    std::vector<instruction_chunk> chunks;
    const uint8_t* parameters = nullptr;
    size_t parameter_bytes = 0;
    size_t offset_in_package = 0;   // byte offset of the Executable buffer in the package
    std::vector<dma_hint> hints;
    bool fully_deterministic = false;
    std::vector<layer> inputs, outputs;
};

struct package {
    aligned_buffer bytes;        // the Package FlatBuffer, copied to a 4096-aligned address
    // FlexBuffer options
    int64_t options_version = 0;
    int64_t execution_preference = -1;
    std::vector<int64_t> chips;  // key "6"
    // Package fields
    bool identifier_ok = false;  // "DWN1" (a mismatch is only warned about, as the runtime does)
    int32_t min_runtime_version = 0;
    int32_t keypair_version = 0;
    int32_t virtual_chip_id = 0;
    std::string_view compiler_version, model_identifier;
    std::vector<executable> executables;  // in MultiExecutable order
    int main = -1;               // the executable that runs the inference (§1.1 selection rules)
    int caching = -1;            // its PARAMETER_CACHING companion, or -1
    std::vector<std::string> warnings;

    const executable& main_executable() const noexcept { return executables[size_t(main)]; }
    const executable* caching_executable() const noexcept {
        return caching < 0 ? nullptr : &executables[size_t(caching)];
    }
};

}  // namespace flatnn::edgetpu
