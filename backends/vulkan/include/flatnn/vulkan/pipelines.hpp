#pragma once
// Compute pipelines. Every flatnn shader has the same interface (shaders/common.glsl): one descriptor set with
// the tensor buffer bound as four typed arrays, 128 bytes of push constants (offsets and shapes) and the
// specialization constants S0..S19, F0, F1 (static op parameters). So one pipeline layout serves all, and a
// pipeline is identified by (shader, specialization values). A VkPipelineCache, loadable from and savable to a
// file, makes the driver's compilation of a known pipeline cheap.
#include <array>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "flatnn/vulkan/context.hpp"
#include "flatnn/vulkan/shaders_generated/index.hpp"

namespace flatnn::vulkan {

constexpr uint32_t push_words = 32;
constexpr uint32_t spec_ints = 20, spec_floats = 2;
constexpr uint32_t tensor_bindings = 5;  // float, int32, uint8, int8, float16 views of the tensor buffer

// Specialization values by constant id: S0..S15 (ids 0-15), F0, F1 (16, 17, stored as their bits), S16..S19
// (18-21).
struct spec_values {
    std::array<int32_t, spec_ints + spec_floats> v{};
    int32_t& operator[](size_t i) noexcept { return v[i < 16 ? i : i + spec_floats]; }
    void set_float(size_t k, float f) noexcept { std::memcpy(&v[16 + k], &f, 4); }
    bool operator<(const spec_values& o) const noexcept { return v < o.v; }
};

class pipelines {
public:
    explicit pipelines(context& c) : c_(&c) {}
    pipelines(const pipelines&) = delete;
    pipelines& operator=(const pipelines&) = delete;
    ~pipelines() {
        auto& vk = c_->vk;
        for (auto& e : pipelines_) vk.vkDestroyPipeline(c_->device, e.second, nullptr);
        for (VkShaderModule m : modules_)
            if (m) vk.vkDestroyShaderModule(c_->device, m, nullptr);
        if (cache_) vk.vkDestroyPipelineCache(c_->device, cache_, nullptr);
        if (layout_) vk.vkDestroyPipelineLayout(c_->device, layout_, nullptr);
        if (set_layout_) vk.vkDestroyDescriptorSetLayout(c_->device, set_layout_, nullptr);
    }

    // Creates the layouts and the cache, seeded from cache_file when it exists (a stale or foreign file is
    // ignored by the driver, as the Vulkan spec requires).
    status init(const std::string& cache_file = {}) {
        auto& vk = c_->vk;
        VkDescriptorSetLayoutBinding b[tensor_bindings]{};
        for (uint32_t i = 0; i < tensor_bindings; ++i) {
            b[i].binding = i;
            b[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
            b[i].descriptorCount = 1;
            b[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
        }
        VkDescriptorSetLayoutCreateInfo si{};
        si.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
        si.bindingCount = tensor_bindings;
        si.pBindings = b;
        FLATNN_TRY(check(vk.vkCreateDescriptorSetLayout(c_->device, &si, nullptr, &set_layout_), "vkCreateDescriptorSetLayout"));
        VkPushConstantRange range{VK_SHADER_STAGE_COMPUTE_BIT, 0, push_words * 4};
        VkPipelineLayoutCreateInfo li{};
        li.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
        li.setLayoutCount = 1;
        li.pSetLayouts = &set_layout_;
        li.pushConstantRangeCount = 1;
        li.pPushConstantRanges = &range;
        FLATNN_TRY(check(vk.vkCreatePipelineLayout(c_->device, &li, nullptr, &layout_), "vkCreatePipelineLayout"));
        std::vector<char> seed;
        if (!cache_file.empty()) read_file(cache_file, seed);
        VkPipelineCacheCreateInfo ci{};
        ci.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
        ci.initialDataSize = seed.size();
        ci.pInitialData = seed.empty() ? nullptr : seed.data();
        FLATNN_TRY(check(vk.vkCreatePipelineCache(c_->device, &ci, nullptr, &cache_), "vkCreatePipelineCache"));
        modules_.assign(size_t(shader_id::count), VK_NULL_HANDLE);
        return status::ok();
    }

    // Writes the driver's pipeline cache to `path`.
    status save_cache(const std::string& path) const {
        size_t size = 0;
        FLATNN_TRY(check(c_->vk.vkGetPipelineCacheData(c_->device, cache_, &size, nullptr), "vkGetPipelineCacheData"));
        std::vector<char> data(size);
        FLATNN_TRY(check(c_->vk.vkGetPipelineCacheData(c_->device, cache_, &size, data.data()), "vkGetPipelineCacheData"));
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f) return status::error("vulkan: cannot write the pipeline cache to '" + path + "'");
        const bool ok = std::fwrite(data.data(), 1, size, f) == size;
        if (std::fclose(f) != 0 || !ok) return status::error("vulkan: writing the pipeline cache '" + path + "' failed");
        return status::ok();
    }

    // The pipeline for (shader, spec), created on first use.
    status get(shader_id id, const spec_values& spec, VkPipeline& out) {
        const auto key = std::make_pair(int(id), spec);
        if (auto it = pipelines_.find(key); it != pipelines_.end()) {
            out = it->second;
            return status::ok();
        }
        auto& vk = c_->vk;
        VkShaderModule& module = modules_[size_t(id)];
        if (!module) {
            const spirv code = shader_code(id);
            VkShaderModuleCreateInfo mi{};
            mi.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
            mi.codeSize = code.count * 4;
            mi.pCode = code.words;
            FLATNN_TRY(check(vk.vkCreateShaderModule(c_->device, &mi, nullptr, &module), "vkCreateShaderModule"));
        }
        VkSpecializationMapEntry entries[spec_ints + spec_floats];
        for (uint32_t i = 0; i < spec_ints + spec_floats; ++i) entries[i] = {i, i * 4, 4};
        VkSpecializationInfo si{};
        si.mapEntryCount = spec_ints + spec_floats;
        si.pMapEntries = entries;
        si.dataSize = sizeof(spec.v);
        si.pData = spec.v.data();
        VkComputePipelineCreateInfo pi{};
        pi.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
        pi.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
        pi.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
        pi.stage.module = module;
        pi.stage.pName = "main";
        pi.stage.pSpecializationInfo = &si;
        pi.layout = layout_;
        FLATNN_TRY(check(vk.vkCreateComputePipelines(c_->device, cache_, 1, &pi, nullptr, &out),
                         (std::string("vkCreateComputePipelines (") + shader_code(id).name + ")").c_str()));
        pipelines_.emplace(key, out);
        return status::ok();
    }

    VkPipelineLayout layout() const noexcept { return layout_; }
    VkDescriptorSetLayout set_layout() const noexcept { return set_layout_; }
    size_t count() const noexcept { return pipelines_.size(); }

private:
    context* c_;
    VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
    VkPipelineLayout layout_ = VK_NULL_HANDLE;
    VkPipelineCache cache_ = VK_NULL_HANDLE;
    std::vector<VkShaderModule> modules_;
    std::map<std::pair<int, spec_values>, VkPipeline> pipelines_;

    static void read_file(const std::string& path, std::vector<char>& out) {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) return;
        char chunk[65536];
        size_t n = 0;
        while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) out.insert(out.end(), chunk, chunk + n);
        std::fclose(f);
    }
};

}  // namespace flatnn::vulkan
