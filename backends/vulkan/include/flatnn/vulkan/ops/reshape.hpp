#pragma once
// RESHAPE on Vulkan: the same bytes under a new shape, one buffer copy (no shader). Copies rather than aliases
// because the memory plan gives the output its own place in the arena.
#include "flatnn/ops/reshape.hpp"
#include "flatnn/vulkan/ops/common.hpp"

namespace flatnn::vulkan {

inline std::string why_not_reshape(const node& n, const device_caps&) {
    if (!n.has_input(0)) return "needs an input";
    if (dtype_size(n.in(0).type) == 0) return std::string("type ") + dtype_name(n.in(0).type) + " has no fixed size";
    return {};
}

inline status record_reshape(const node& n, plan_builder& b) {
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    const size_t bytes = b.device_bytes(out);
    if (b.device_bytes(in) != bytes) return n.fail("vulkan: reshape changes the byte size");
    b.copy(n, b.byte_offset(in), b.byte_offset(out), bytes);
    return status::ok();
}

}  // namespace flatnn::vulkan
