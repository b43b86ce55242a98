#pragma once
// SQUEEZE on Vulkan: like RESHAPE, the same bytes under a new shape (one buffer copy).
#include "flatnn/ops/squeeze.hpp"
#include "flatnn/vulkan/ops/reshape.hpp"

namespace flatnn::vulkan {

inline std::string why_not_squeeze(const node& n, const device_caps& caps) { return why_not_reshape(n, caps); }
inline status record_squeeze(const node& n, plan_builder& b) { return record_reshape(n, b); }

}  // namespace flatnn::vulkan
