#pragma once
// One Vulkan instance + logical device + compute queue. Device selection: by index, by a substring of the
// name, or by default the best kind (discrete GPU, then integrated, then virtual, then CPU such as lavapipe).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "flatnn/core/status.hpp"
#include "flatnn/vulkan/loader.hpp"

namespace flatnn::vulkan {

struct device_options {
    int device_index = -1;            // >= 0: that physical device, in the loader's order
    std::string device_name;          // non-empty: the first device whose name contains it
    std::string loader_path = "libvulkan.so.1";
};

struct device_description {
    int index = 0;
    std::string name;
    std::string kind;  // "discrete", "integrated", "virtual", "cpu", "other"
    uint32_t api_version = 0;
};

inline const char* device_kind(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
        default: return "other";
    }
}

// Lower is preferred.
inline int device_rank(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 0;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 1;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return 3;
        default: return 4;
    }
}

class context {
public:
    api vk;
    VkInstance instance = VK_NULL_HANDLE;
    VkPhysicalDevice physical = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
    VkQueue queue = VK_NULL_HANDLE;
    uint32_t queue_family = 0;
    VkCommandPool command_pool = VK_NULL_HANDLE;
    VkPhysicalDeviceProperties properties{};
    VkPhysicalDeviceMemoryProperties memory{};
    bool storage_8bit = false;        // 8-bit integers in storage buffers (quantized ops need it)
    bool storage_16bit = false;       // 16-bit types in storage buffers (float16 storage of float models)
    bool float64 = false;             // shaderFloat64 (quantized FULLY_CONNECTED rescales in double, as TFLite)
    bool timestamps = false;          // the compute queue writes timestamps
    device_description description;

    context() = default;
    context(const context&) = delete;
    context& operator=(const context&) = delete;
    ~context() {
        if (device) {
            if (command_pool) vk.vkDestroyCommandPool(device, command_pool, nullptr);
            vk.vkDestroyDevice(device, nullptr);
        }
        if (instance) vk.vkDestroyInstance(instance, nullptr);
    }

    // The devices the loader reports (no logical device is created).
    static result<std::vector<device_description>> list(const std::string& loader_path = "libvulkan.so.1") {
        context c;
        FLATNN_TRY(c.open_instance(loader_path));
        std::vector<VkPhysicalDevice> devices;
        FLATNN_TRY(c.physical_devices(devices));
        std::vector<device_description> out;
        for (size_t i = 0; i < devices.size(); ++i) out.push_back(c.describe(devices[i], int(i)));
        return out;
    }

    static result<std::unique_ptr<context>> create(const device_options& o = {}) {
        std::unique_ptr<context> c(new context());
        FLATNN_TRY(c->open_instance(o.loader_path));
        std::vector<VkPhysicalDevice> devices;
        FLATNN_TRY(c->physical_devices(devices));
        if (devices.empty()) return status::error("vulkan: no Vulkan device (the loader reports none)");
        int chosen = -1;
        if (o.device_index >= 0) {
            if (size_t(o.device_index) >= devices.size())
                return status::error("vulkan: device index " + std::to_string(o.device_index) + " does not exist (" +
                                     std::to_string(devices.size()) + " devices)");
            chosen = o.device_index;
        } else if (!o.device_name.empty()) {
            std::string names;
            for (size_t i = 0; i < devices.size() && chosen < 0; ++i) {
                const device_description d = c->describe(devices[i], int(i));
                if (d.name.find(o.device_name) != std::string::npos) chosen = int(i);
                names += (names.empty() ? "'" : ", '") + d.name + "'";
            }
            if (chosen < 0)
                return status::error("vulkan: no device name contains '" + o.device_name + "' (devices: " + names + ")");
        } else {
            int best = 99;
            for (size_t i = 0; i < devices.size(); ++i) {
                VkPhysicalDeviceProperties p{};
                c->vk.vkGetPhysicalDeviceProperties(devices[i], &p);
                if (device_rank(p.deviceType) < best) best = device_rank(p.deviceType), chosen = int(i);
            }
        }
        FLATNN_TRY(c->open_device(devices[size_t(chosen)], chosen));
        return c;
    }

    // A memory type index with all `required` flags among `type_bits`, preferring one that also has `preferred`.
    int memory_type(uint32_t type_bits, VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred = 0) const {
        int fallback = -1;
        for (uint32_t i = 0; i < memory.memoryTypeCount; ++i) {
            if (!(type_bits & (1u << i))) continue;
            const VkMemoryPropertyFlags f = memory.memoryTypes[i].propertyFlags;
            if ((f & required) != required) continue;
            if ((f & preferred) == preferred) return int(i);
            if (fallback < 0) fallback = int(i);
        }
        return fallback;
    }

private:
    status open_instance(const std::string& loader_path) {
        FLATNN_TRY(vk.open(loader_path));
        uint32_t version = VK_API_VERSION_1_0;
        if (vk.vkEnumerateInstanceVersion) vk.vkEnumerateInstanceVersion(&version);
        if (version < VK_API_VERSION_1_1)
            return status::error("vulkan: the loader supports Vulkan " + std::to_string(VK_VERSION_MAJOR(version)) +
                                 "." + std::to_string(VK_VERSION_MINOR(version)) + ", flatnn needs 1.1");
        VkApplicationInfo app{};
        app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
        app.pApplicationName = "flatnn";
        app.pEngineName = "flatnn";
        app.apiVersion = VK_API_VERSION_1_1;
        VkInstanceCreateInfo ci{};
        ci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
        ci.pApplicationInfo = &app;
        FLATNN_TRY(check(vk.vkCreateInstance(&ci, nullptr, &instance), "vkCreateInstance"));
        return vk.load_instance(instance);
    }

    status physical_devices(std::vector<VkPhysicalDevice>& out) {
        uint32_t count = 0;
        FLATNN_TRY(check(vk.vkEnumeratePhysicalDevices(instance, &count, nullptr), "vkEnumeratePhysicalDevices"));
        out.resize(count);
        if (count) FLATNN_TRY(check(vk.vkEnumeratePhysicalDevices(instance, &count, out.data()), "vkEnumeratePhysicalDevices"));
        out.resize(count);
        return status::ok();
    }

    device_description describe(VkPhysicalDevice d, int index) {
        VkPhysicalDeviceProperties p{};
        vk.vkGetPhysicalDeviceProperties(d, &p);
        return device_description{index, p.deviceName, device_kind(p.deviceType), p.apiVersion};
    }

    status open_device(VkPhysicalDevice d, int index) {
        physical = d;
        description = describe(d, index);
        vk.vkGetPhysicalDeviceProperties(d, &properties);
        vk.vkGetPhysicalDeviceMemoryProperties(d, &memory);
        if (properties.apiVersion < VK_API_VERSION_1_1)
            return status::error("vulkan: device '" + description.name + "' supports only Vulkan " +
                                 std::to_string(VK_VERSION_MAJOR(properties.apiVersion)) + "." +
                                 std::to_string(VK_VERSION_MINOR(properties.apiVersion)) + ", flatnn needs 1.1");
        uint32_t families = 0;
        vk.vkGetPhysicalDeviceQueueFamilyProperties(d, &families, nullptr);
        std::vector<VkQueueFamilyProperties> fp(families);
        vk.vkGetPhysicalDeviceQueueFamilyProperties(d, &families, fp.data());
        int family = -1;
        for (uint32_t i = 0; i < families; ++i)  // a compute-only family first (dedicated async compute)
            if ((fp[i].queueFlags & VK_QUEUE_COMPUTE_BIT) && !(fp[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) {
                family = int(i);
                break;
            }
        for (uint32_t i = 0; i < families && family < 0; ++i)
            if (fp[i].queueFlags & VK_QUEUE_COMPUTE_BIT) family = int(i);
        if (family < 0) return status::error("vulkan: device '" + description.name + "' has no compute queue");
        queue_family = uint32_t(family);
        timestamps = fp[queue_family].timestampValidBits > 0;

        VkPhysicalDevice8BitStorageFeatures f8{};
        f8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES;
        VkPhysicalDevice16BitStorageFeatures f16{};  // core in Vulkan 1.1
        f16.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES;
        f8.pNext = &f16;
        VkPhysicalDeviceFeatures2 f2{};
        f2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
        f2.pNext = &f8;
        vk.vkGetPhysicalDeviceFeatures2(d, &f2);
        storage_8bit = f8.storageBuffer8BitAccess == VK_TRUE;
        storage_16bit = f16.storageBuffer16BitAccess == VK_TRUE;
        float64 = f2.features.shaderFloat64 == VK_TRUE;

        const float priority = 1.0f;
        VkDeviceQueueCreateInfo qi{};
        qi.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
        qi.queueFamilyIndex = queue_family;
        qi.queueCount = 1;
        qi.pQueuePriorities = &priority;
        VkPhysicalDevice8BitStorageFeatures want8{};
        want8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES;
        want8.storageBuffer8BitAccess = storage_8bit ? VK_TRUE : VK_FALSE;
        VkPhysicalDevice16BitStorageFeatures want16{};
        want16.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES;
        want16.storageBuffer16BitAccess = storage_16bit ? VK_TRUE : VK_FALSE;
        const char* extension = VK_KHR_8BIT_STORAGE_EXTENSION_NAME;  // core only from Vulkan 1.2
        VkDeviceCreateInfo di{};
        di.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
        di.queueCreateInfoCount = 1;
        di.pQueueCreateInfos = &qi;
        VkPhysicalDeviceFeatures enabled{};
        enabled.shaderFloat64 = float64 ? VK_TRUE : VK_FALSE;
        di.pEnabledFeatures = &enabled;
        void* chain = storage_16bit ? &want16 : nullptr;
        if (storage_8bit) {
            want8.pNext = chain;
            chain = &want8;
            di.enabledExtensionCount = 1;
            di.ppEnabledExtensionNames = &extension;
        }
        di.pNext = chain;
        FLATNN_TRY(check(vk.vkCreateDevice(d, &di, nullptr, &device), "vkCreateDevice"));
        FLATNN_TRY(vk.load_device(device));
        vk.vkGetDeviceQueue(device, queue_family, 0, &queue);
        VkCommandPoolCreateInfo pi{};
        pi.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
        pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
        pi.queueFamilyIndex = queue_family;
        return check(vk.vkCreateCommandPool(device, &pi, nullptr, &command_pool), "vkCreateCommandPool");
    }
};

}  // namespace flatnn::vulkan
