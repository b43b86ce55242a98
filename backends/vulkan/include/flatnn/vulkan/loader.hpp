#pragma once
// The Vulkan loader (libvulkan.so.1) opened at run time with dlopen: linking flatnn::vulkan needs no Vulkan
// library, and a machine without one gets a status error. Functions are resolved into a table in three steps
// (global, instance, device) as the Vulkan loader interface prescribes.
#ifndef VK_NO_PROTOTYPES
#define VK_NO_PROTOTYPES
#endif
#include <vulkan/vulkan.h>

#include <dlfcn.h>

#include <string>

#include "flatnn/core/status.hpp"

namespace flatnn::vulkan {

#define FLATNN_VK_GLOBAL_FUNCTIONS(X) X(vkCreateInstance) X(vkEnumerateInstanceVersion)

#define FLATNN_VK_INSTANCE_FUNCTIONS(X)                                                                          \
    X(vkDestroyInstance) X(vkEnumeratePhysicalDevices) X(vkGetPhysicalDeviceProperties)                          \
    X(vkGetPhysicalDeviceQueueFamilyProperties) X(vkGetPhysicalDeviceMemoryProperties)                           \
    X(vkGetPhysicalDeviceFeatures2) X(vkCreateDevice) X(vkGetDeviceProcAddr)

#define FLATNN_VK_DEVICE_FUNCTIONS(X)                                                                             \
    X(vkDestroyDevice) X(vkGetDeviceQueue) X(vkCreateBuffer) X(vkDestroyBuffer) X(vkGetBufferMemoryRequirements)  \
    X(vkAllocateMemory) X(vkFreeMemory) X(vkBindBufferMemory) X(vkMapMemory) X(vkUnmapMemory)                     \
    X(vkFlushMappedMemoryRanges) X(vkInvalidateMappedMemoryRanges) X(vkCreateShaderModule)                        \
    X(vkDestroyShaderModule) X(vkCreateDescriptorSetLayout) X(vkDestroyDescriptorSetLayout)                       \
    X(vkCreatePipelineLayout) X(vkDestroyPipelineLayout) X(vkCreatePipelineCache) X(vkDestroyPipelineCache)        \
    X(vkGetPipelineCacheData) X(vkCreateComputePipelines) X(vkDestroyPipeline) X(vkCreateDescriptorPool)          \
    X(vkDestroyDescriptorPool) X(vkAllocateDescriptorSets) X(vkUpdateDescriptorSets) X(vkCreateCommandPool)       \
    X(vkDestroyCommandPool) X(vkAllocateCommandBuffers) X(vkFreeCommandBuffers) X(vkBeginCommandBuffer)          \
    X(vkEndCommandBuffer) X(vkCmdBindPipeline) X(vkCmdBindDescriptorSets) X(vkCmdPushConstants) X(vkCmdDispatch)  \
    X(vkCmdCopyBuffer) X(vkCmdPipelineBarrier) X(vkCreateFence) X(vkDestroyFence) X(vkWaitForFences)              \
    X(vkResetFences) X(vkQueueSubmit) X(vkCreateQueryPool) X(vkDestroyQueryPool) X(vkCmdResetQueryPool)          \
    X(vkCmdWriteTimestamp) X(vkGetQueryPoolResults)

// The function table. One per context; plain function pointers, no global state.
struct api {
    void* library = nullptr;
    PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr = nullptr;
#define FLATNN_VK_MEMBER(f) PFN_##f f = nullptr;
    FLATNN_VK_GLOBAL_FUNCTIONS(FLATNN_VK_MEMBER)
    FLATNN_VK_INSTANCE_FUNCTIONS(FLATNN_VK_MEMBER)
    FLATNN_VK_DEVICE_FUNCTIONS(FLATNN_VK_MEMBER)
#undef FLATNN_VK_MEMBER

    api() = default;
    api(const api&) = delete;
    api& operator=(const api&) = delete;
    ~api() {
        if (library) dlclose(library);
    }

    // Opens the loader library (default libvulkan.so.1) and resolves the global functions.
    status open(const std::string& path) {
        library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!library) {
            const char* why = dlerror();
            return status::error("vulkan: cannot load the Vulkan loader '" + path + "' (" + (why ? why : "unknown") +
                                 "); install a Vulkan driver (Debian: libvulkan1 mesa-vulkan-drivers)");
        }
        vkGetInstanceProcAddr = reinterpret_cast<PFN_vkGetInstanceProcAddr>(dlsym(library, "vkGetInstanceProcAddr"));
        if (!vkGetInstanceProcAddr) return status::error("vulkan: '" + path + "' has no vkGetInstanceProcAddr");
#define FLATNN_VK_LOAD(f) f = reinterpret_cast<PFN_##f>(vkGetInstanceProcAddr(VK_NULL_HANDLE, #f));
        FLATNN_VK_GLOBAL_FUNCTIONS(FLATNN_VK_LOAD)
#undef FLATNN_VK_LOAD
        if (!vkCreateInstance) return status::error("vulkan: the loader '" + path + "' has no vkCreateInstance");
        return status::ok();
    }

    status load_instance(VkInstance instance) {
        std::string missing;
#define FLATNN_VK_LOAD(f)                                                                 \
    f = reinterpret_cast<PFN_##f>(vkGetInstanceProcAddr(instance, #f));                   \
    if (!f) missing += std::string(missing.empty() ? "" : ", ") + #f;
        FLATNN_VK_INSTANCE_FUNCTIONS(FLATNN_VK_LOAD)
#undef FLATNN_VK_LOAD
        if (!missing.empty()) return status::error("vulkan: the instance lacks " + missing + " (Vulkan 1.1 needed)");
        return status::ok();
    }

    status load_device(VkDevice device) {
        std::string missing;
#define FLATNN_VK_LOAD(f)                                                                 \
    f = reinterpret_cast<PFN_##f>(vkGetDeviceProcAddr(device, #f));                       \
    if (!f) missing += std::string(missing.empty() ? "" : ", ") + #f;
        FLATNN_VK_DEVICE_FUNCTIONS(FLATNN_VK_LOAD)
#undef FLATNN_VK_LOAD
        if (!missing.empty()) return status::error("vulkan: the device lacks " + missing);
        return status::ok();
    }
};

inline std::string result_name(VkResult r) {
    switch (r) {
        case VK_SUCCESS: return "VK_SUCCESS";
        case VK_NOT_READY: return "VK_NOT_READY";
        case VK_TIMEOUT: return "VK_TIMEOUT";
        case VK_INCOMPLETE: return "VK_INCOMPLETE";
        case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
        case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
        case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
        case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
        case VK_ERROR_MEMORY_MAP_FAILED: return "VK_ERROR_MEMORY_MAP_FAILED";
        case VK_ERROR_LAYER_NOT_PRESENT: return "VK_ERROR_LAYER_NOT_PRESENT";
        case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
        case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
        case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
        case VK_ERROR_TOO_MANY_OBJECTS: return "VK_ERROR_TOO_MANY_OBJECTS";
        default: return "VkResult " + std::to_string(int(r));
    }
}

// "vulkan: <what> failed: VK_ERROR_..." when r is not VK_SUCCESS.
inline status check(VkResult r, const char* what) {
    if (r == VK_SUCCESS) return status::ok();
    return status::error(std::string("vulkan: ") + what + " failed: " + result_name(r));
}

}  // namespace flatnn::vulkan
