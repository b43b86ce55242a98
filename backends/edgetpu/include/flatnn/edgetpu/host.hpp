#pragma once
// Host-side duties around an Edge TPU run (edgetpu.md §6 "What any backend must do"), as pure functions over
// byte buffers: the sign-bit flip of signed types, zero padding to the DMA extent, re-layout of tiled outputs and
// the patching of address immediates in instruction bitstreams. They never write the caller's buffers.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "flatnn/core/status.hpp"
#include "flatnn/edgetpu/package.hpp"

namespace flatnn::edgetpu {

// Flips the top bit of every little-endian element of `element_bytes` bytes: the device works on offset-binary
// values, so signed data crosses the wire with its sign bit inverted, both ways.
inline void flip_sign_bits(uint8_t* data, size_t size, size_t element_bytes) noexcept {
    if (element_bytes == 0) return;
    for (size_t i = element_bytes - 1; i < size; i += element_bytes) data[i] ^= 0x80u;
}

// Tensor bytes -> the bytes the device reads for layer `l`: a copy into `dst` (the padded layer, dst_size >=
// the tensor), sign bits flipped for signed types, the tail past the tensor zero-filled.
inline status prepare_input(const layer& l, const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
    if (src_size != l.unpadded_bytes())
        return status::error("edgetpu input '" + std::string(l.name) + "': tensor has " + std::to_string(src_size) +
                             " bytes, the layer expects " + std::to_string(l.unpadded_bytes()));
    if (dst_size < src_size)
        return status::error("edgetpu input '" + std::string(l.name) + "': destination of " + std::to_string(dst_size) +
                             " bytes is smaller than the tensor");
    std::memcpy(dst, src, src_size);
    if (data_type_signed(l.type)) flip_sign_bits(dst, src_size, l.element_bytes());
    std::memset(dst + src_size, 0, dst_size - src_size);
    return status::ok();
}

// Device output (the layer's padded TYXZ tiles, l.size_bytes) -> the tensor in YXZ order, sign bits restored.
// For each (y, x) the z run of the output starts at
//   tile_byte_offset[y_tile[y] + x_tile[x]] + y_local_offset[y] * x_row_size[x] + x_local_byte_offset[x]
// of the raw bytes. Without tile maps (one tile, no padding between rows) it is the first y*x*z elements.
// The parser checked that every such run lies inside the layer.
inline status relayout_output(const layer& l, const uint8_t* raw, size_t raw_size, uint8_t* dst, size_t dst_size) {
    const size_t bytes = l.unpadded_bytes();
    if (dst_size != bytes)
        return status::error("edgetpu output '" + std::string(l.name) + "': tensor has " + std::to_string(dst_size) +
                             " bytes, the layer produces " + std::to_string(bytes));
    if (raw_size < l.size_bytes)
        return status::error("edgetpu output '" + std::string(l.name) + "': " + std::to_string(raw_size) +
                             " raw bytes for a layer of " + std::to_string(l.size_bytes));
    if (l.layout.empty()) {
        std::memcpy(dst, raw, bytes);
    } else {
        const output_layout& o = l.layout;
        const size_t run = size_t(l.z) * l.element_bytes();
        uint8_t* out = dst;
        for (size_t y = 0; y < size_t(l.y); ++y)
            for (size_t x = 0; x < size_t(l.x); ++x, out += run) {
                const int64_t at = int64_t(o.tile_byte_offset[size_t(o.y_tile[y] + o.x_tile[x])]) +
                                   int64_t(o.y_local_offset[y]) * int64_t(o.x_row_size[x]) +
                                   int64_t(o.x_local_byte_offset[x]);
                std::memcpy(out, raw + at, run);
            }
    }
    if (data_type_signed(l.type)) flip_sign_bits(dst, bytes, l.element_bytes());
    return status::ok();
}

// Writes `value` into the 32 bits starting at bit `offset_bit` (bit b is bit b%8 of byte b/8, least significant
// first); the parser checked the range lies in the bitstream.
inline void patch_field(uint8_t* bits, uint32_t offset_bit, uint32_t value) noexcept {
    for (uint32_t i = 0; i < 32; ++i) {
        const uint32_t b = offset_bit + i;
        const uint8_t mask = uint8_t(1u << (b & 7u));
        if ((value >> i) & 1u) bits[b >> 3] |= mask;
        else bits[b >> 3] &= uint8_t(~mask);
    }
}

// The address the host links for each field: on USB the runtime writes host addresses; the device only needs
// them to be consistent, so the buffers' own addresses are used.
struct link_addresses {
    uint64_t parameters = 0, scratch = 0;
    const std::vector<uint64_t>* inputs = nullptr;   // per input layer of the executable
    const std::vector<uint64_t>* outputs = nullptr;  // per output layer
};

// Copies chunk `c` into `dst` (c.size bytes) with its field offsets linked to `a`.
inline void link_chunk(const executable& e, const instruction_chunk& c, const link_addresses& a, uint8_t* dst) {
    std::memcpy(dst, c.data, c.size);
    for (const field_offset& f : c.fields) {
        uint64_t address = 0;
        if (f.desc == description::base_address_parameter) address = a.parameters;
        else if (f.desc == description::base_address_scratch) address = a.scratch;
        else if (f.desc == description::base_address_input_activation && a.inputs) {
            const int i = detail::find_layer(e.inputs, f.name);
            if (i >= 0 && size_t(i) < a.inputs->size()) address = (*a.inputs)[size_t(i)];
        } else if (f.desc == description::base_address_output_activation && a.outputs) {
            const int i = detail::find_layer(e.outputs, f.name);
            if (i >= 0 && size_t(i) < a.outputs->size()) address = (*a.outputs)[size_t(i)];
        }
        patch_field(dst, f.offset_bit, uint32_t(f.upper ? address >> 32 : address));
    }
}

}  // namespace flatnn::edgetpu
