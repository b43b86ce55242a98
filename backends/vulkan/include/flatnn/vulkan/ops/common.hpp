#pragma once
// Checks shared by the Vulkan op recorders: which dtypes a shader variant takes, what the device must offer.
#include <string>

#include "flatnn/runtime/node.hpp"
#include "flatnn/vulkan/plan.hpp"

namespace flatnn::vulkan {

struct device_caps {
    bool storage_8bit = false;
    bool float64 = false;  // shaderFloat64
    bool float16_storage = false;  // the plan stores float32 tensors as float16 (vulkan_backend_options)
};

// "" when t can be read by a float32 or 8-bit shader variant on this device, else why not.
inline std::string dtype_problem(const tensor& t, const device_caps& caps, bool allow_q8, const char* role) {
    if (t.type == dtype::float32) return {};
    if (is_q8(t.type)) {
        if (!allow_q8) return std::string(role) + " type " + dtype_name(t.type) + " has no Vulkan kernel (float32 only)";
        if (!caps.storage_8bit) return "the device has no 8-bit storage buffer access (VK_KHR_8bit_storage)";
        return {};
    }
    return std::string(role) + " type " + dtype_name(t.type) + " has no Vulkan kernel";
}

// "" when no input or output is a variable tensor (their state lives on the host).
inline std::string variable_problem(const node& n) {
    for (const tensor* t : n.inputs)
        if (t && t->is_variable) return "reads variable tensor " + std::to_string(t->index) + " (kept on the CPU)";
    for (const tensor* t : n.outputs)
        if (t->is_variable) return "writes variable tensor " + std::to_string(t->index) + " (kept on the CPU)";
    return {};
}

// Invocation count as int32 (shaders index with int): refused above 2^31 - 1.
inline status count32(const node& n, int64_t v, int32_t& out) {
    if (v < 0 || v > INT32_MAX) return n.fail("vulkan: " + std::to_string(v) + " elements exceed the int32 indexing of the shaders");
    out = int32_t(v);
    return status::ok();
}

}  // namespace flatnn::vulkan
