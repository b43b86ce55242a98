#pragma once
// What the Vulkan backend records for its nodes: a list of steps (a dispatch, or a copy within the tensor
// buffer), built once per plan from the ops' prepared parameters. The tensor buffer holds the activation arena
// at the interpreter's own offsets (the memory plan is valid on the device too: device writes happen in the
// same order as host writes would), followed by the constants the nodes read (weights, biases, multipliers).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "flatnn/core/float16.hpp"
#include "flatnn/runtime/node.hpp"
#include "flatnn/vulkan/pipelines.hpp"

namespace flatnn::vulkan {

using push_values = std::array<int32_t, push_words>;

inline bool is_q8(dtype t) { return t == dtype::int8 || t == dtype::uint8; }

struct step {
    enum kind_t { dispatch, copy } kind = dispatch;
    VkPipeline pipeline = VK_NULL_HANDLE;
    push_values push{};
    uint32_t groups_x = 1, groups_y = 1;
    VkBufferCopy region{};
    size_t node = 0;
};

constexpr uint32_t workgroup_size = 64;  // local_size_x of every shader (common.glsl)
constexpr uint32_t max_groups_x = 65535;

class plan_builder {
public:
    // half_floats: float32 tensors are stored as float16 on the device (at the same byte offsets: they fit).
    plan_builder(pipelines& p, size_t arena_bytes, const std::vector<size_t>& offsets, bool half_floats = false)
        : pipelines_(&p), offsets_(&offsets), constants_base_(align(arena_bytes)), half_(half_floats) {
        constant_at_.assign(offsets.size(), -1);
    }

    bool half_floats() const noexcept { return half_; }
    bool stored_as_half(dtype t) const noexcept { return half_ && t == dtype::float32; }
    // Element size of the view a shader variant uses for a tensor of type t (8-bit: 1, float16 storage: 2, else 4).
    size_t elem_size(dtype t) const noexcept { return is_q8(t) ? 1 : stored_as_half(t) ? 2 : 4; }
    // Bytes of t on the device.
    size_t device_bytes(const tensor& t) const noexcept {
        return size_t(t.num_elements()) * (stored_as_half(t.type) ? 2 : dtype_size(t.type));
    }
    // The shader variant for tensors of type t.
    shader_id variant(dtype t, shader_id q8, shader_id f32, shader_id f16) const noexcept {
        return is_q8(t) ? q8 : stored_as_half(t) ? f16 : f32;
    }

    static size_t align(size_t v) { return (v + 255) / 256 * 256; }

    // Byte offset of t in the tensor buffer; constants are appended to the constant image on first use.
    size_t byte_offset(const tensor& t) {
        const size_t i = size_t(t.index);
        if (!t.is_constant) return (*offsets_)[i];
        if (constant_at_[i] < 0) {
            if (stored_as_half(t.type)) {
                std::vector<uint16_t> h(size_t(t.bytes / 4));
                for (size_t k = 0; k < h.size(); ++k) {
                    float f;
                    std::memcpy(&f, t.data + 4 * k, 4);
                    h[k] = float_to_half(f);
                }
                constant_at_[i] = int64_t(append(h.data(), h.size() * 2));
            } else {
                constant_at_[i] = int64_t(append(t.data, t.bytes));
            }
        }
        return constants_base_ + size_t(constant_at_[i]);
    }
    // Element offset of t for elements of `element_size` bytes (the arena and constants are 64-byte aligned).
    int32_t at(const tensor& t, size_t element_size) { return int32_t(byte_offset(t) / element_size); }
    // Element offset of input `input` in its own view (bias: int32 or float), -1 when the input is omitted.
    int32_t at_or_none(const node& n, size_t input) {
        return n.has_input(input) ? at(n.in(input), elem_size(n.in(input).type)) : -1;
    }
    // Appends an int32 array to the constants; returns its int32 element offset.
    int32_t add_i32(const std::vector<int32_t>& v) {
        return int32_t((constants_base_ + append(v.data(), v.size() * 4)) / 4);
    }

    status dispatch(const node& n, shader_id id, const spec_values& spec, const push_values& push, int64_t invocations) {
        step s;
        s.kind = step::dispatch;
        FLATNN_TRY(pipelines_->get(id, spec, s.pipeline));
        s.push = push;
        const int64_t groups = (invocations + workgroup_size - 1) / workgroup_size;
        if (groups <= 0) return status::ok();  // nothing to compute
        s.groups_x = uint32_t(std::min<int64_t>(groups, max_groups_x));
        s.groups_y = uint32_t((groups + max_groups_x - 1) / max_groups_x);
        s.node = n.index;
        steps_.push_back(s);
        return status::ok();
    }
    void copy(const node& n, size_t src_byte, size_t dst_byte, size_t bytes) {
        if (!bytes) return;
        step s;
        s.kind = step::copy;
        s.region = VkBufferCopy{src_byte, dst_byte, bytes};
        s.node = n.index;
        steps_.push_back(s);
    }

    std::vector<step>& steps() noexcept { return steps_; }
    const std::vector<uint8_t>& constants() const noexcept { return constants_; }
    size_t constants_base() const noexcept { return constants_base_; }
    size_t total_bytes() const noexcept { return constants_base_ + constants_.size(); }

private:
    pipelines* pipelines_;
    const std::vector<size_t>* offsets_;
    size_t constants_base_;
    bool half_ = false;
    std::vector<int64_t> constant_at_;
    std::vector<uint8_t> constants_;
    std::vector<step> steps_;

    size_t append(const void* data, size_t bytes) {
        const size_t at = (constants_.size() + 63) / 64 * 64;
        constants_.resize(at + bytes);
        if (bytes) std::memcpy(constants_.data() + at, data, bytes);
        return at;
    }
};


}  // namespace flatnn::vulkan
