#pragma once
// flatnn::vulkan: the Vulkan compute backend (see vulkan_backend.hpp).
#include "flatnn/vulkan/vulkan_backend.hpp"
