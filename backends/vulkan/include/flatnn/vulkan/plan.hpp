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

#include "flatnn/runtime/node.hpp"
#include "flatnn/vulkan/pipelines.hpp"

namespace flatnn::vulkan {

using push_values = std::array<int32_t, push_words>;

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
    plan_builder(pipelines& p, size_t arena_bytes, const std::vector<size_t>& offsets)
        : pipelines_(&p), offsets_(&offsets), constants_base_(align(arena_bytes)) {
        constant_at_.assign(offsets.size(), -1);
    }

    static size_t align(size_t v) { return (v + 255) / 256 * 256; }

    // Byte offset of t in the tensor buffer; constants are appended to the constant image on first use.
    size_t byte_offset(const tensor& t) {
        const size_t i = size_t(t.index);
        if (!t.is_constant) return (*offsets_)[i];
        if (constant_at_[i] < 0) constant_at_[i] = int64_t(append(t.data, t.bytes));
        return constants_base_ + size_t(constant_at_[i]);
    }
    // Element offset of t for elements of `element_size` bytes (the arena and constants are 64-byte aligned).
    int32_t at(const tensor& t, size_t element_size) { return int32_t(byte_offset(t) / element_size); }
    int32_t at_or_none(const node& n, size_t input, size_t element_size) {
        return n.has_input(input) ? at(n.in(input), element_size) : -1;
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

// Element size of the views a shader variant uses for a tensor of type t (int8/uint8: 1, else 4).
inline size_t view_size(dtype t) { return t == dtype::int8 || t == dtype::uint8 ? 1 : 4; }
inline bool is_q8(dtype t) { return t == dtype::int8 || t == dtype::uint8; }

}  // namespace flatnn::vulkan
