#pragma once
// Device memory: a few large VkDeviceMemory blocks per memory type, carved into buffers first-fit (drivers cap
// the number of allocations, and each one is slow). Host-visible blocks stay mapped for their lifetime.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "flatnn/vulkan/context.hpp"

namespace flatnn::vulkan {

struct memory_block {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkDeviceSize size = 0;
    uint32_t type = 0;
    uint8_t* mapped = nullptr;
    std::vector<std::pair<VkDeviceSize, VkDeviceSize>> free;  // (offset, size), sorted by offset
};

// A VkBuffer bound to a range of a block. Move-only; returns its range to the allocator when destroyed.
class allocator;
struct buffer {
    VkBuffer handle = VK_NULL_HANDLE;
    VkDeviceSize size = 0;
    uint8_t* mapped = nullptr;  // host pointer when the memory is host-visible
    bool coherent = false;
    allocator* owner = nullptr;
    memory_block* block = nullptr;
    VkDeviceSize offset = 0, reserved = 0;

    buffer() = default;
    buffer(const buffer&) = delete;
    buffer& operator=(const buffer&) = delete;
    buffer(buffer&& o) noexcept { *this = std::move(o); }
    buffer& operator=(buffer&& o) noexcept;
    ~buffer() { reset(); }
    void reset() noexcept;
};

class allocator {
public:
    static constexpr VkDeviceSize default_block = VkDeviceSize(64) << 20;

    explicit allocator(context& c) : c_(&c) {}
    allocator(const allocator&) = delete;
    allocator& operator=(const allocator&) = delete;
    ~allocator() {
        for (auto& b : blocks_) {
            if (b->mapped) c_->vk.vkUnmapMemory(c_->device, b->memory);
            c_->vk.vkFreeMemory(c_->device, b->memory, nullptr);
        }
    }

    // A storage buffer usable for transfers. host: host-visible (staging), else device-local preferred.
    status create(VkDeviceSize size, bool host, buffer& out) {
        out.reset();
        size = std::max<VkDeviceSize>(size, 16);
        VkBufferCreateInfo bi{};
        bi.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
        bi.size = size;
        bi.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
        bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
        VkBuffer handle = VK_NULL_HANDLE;
        FLATNN_TRY(check(c_->vk.vkCreateBuffer(c_->device, &bi, nullptr, &handle), "vkCreateBuffer"));
        VkMemoryRequirements req{};
        c_->vk.vkGetBufferMemoryRequirements(c_->device, handle, &req);
        const int type = host ? c_->memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT,
                                                VK_MEMORY_PROPERTY_HOST_COHERENT_BIT | VK_MEMORY_PROPERTY_HOST_CACHED_BIT)
                              : c_->memory_type(req.memoryTypeBits, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
        if (type < 0) {
            c_->vk.vkDestroyBuffer(c_->device, handle, nullptr);
            return status::error(std::string("vulkan: no ") + (host ? "host-visible" : "device") +
                                 " memory type for a buffer of " + std::to_string(size) + " bytes");
        }
        memory_block* block = nullptr;
        VkDeviceSize offset = 0;
        if (status s = place(uint32_t(type), req.size, req.alignment, block, offset); !s) {
            c_->vk.vkDestroyBuffer(c_->device, handle, nullptr);
            return s;
        }
        if (status s = check(c_->vk.vkBindBufferMemory(c_->device, handle, block->memory, offset), "vkBindBufferMemory");
            !s) {
            release(block, offset, req.size);
            c_->vk.vkDestroyBuffer(c_->device, handle, nullptr);
            return s;
        }
        out.handle = handle;
        out.size = size;
        out.owner = this;
        out.block = block;
        out.offset = offset;
        out.reserved = req.size;
        out.mapped = block->mapped ? block->mapped + offset : nullptr;
        out.coherent = (c_->memory.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) != 0;
        return status::ok();
    }

    size_t block_count() const noexcept { return blocks_.size(); }
    context& ctx() noexcept { return *c_; }

    void release(memory_block* b, VkDeviceSize offset, VkDeviceSize size) noexcept {
        auto& f = b->free;
        auto it = std::lower_bound(f.begin(), f.end(), std::make_pair(offset, VkDeviceSize(0)));
        it = f.insert(it, {offset, size});
        if (it + 1 != f.end() && it->first + it->second == (it + 1)->first) {  // merge with the next range
            it->second += (it + 1)->second;
            f.erase(it + 1);
        }
        if (it != f.begin() && (it - 1)->first + (it - 1)->second == it->first) {  // and with the previous
            (it - 1)->second += it->second;
            f.erase(it);
        }
    }

private:
    context* c_;
    std::vector<std::unique_ptr<memory_block>> blocks_;

    status place(uint32_t type, VkDeviceSize size, VkDeviceSize alignment, memory_block*& block, VkDeviceSize& offset) {
        alignment = std::max<VkDeviceSize>(alignment, 256);
        for (auto& b : blocks_) {
            if (b->type != type) continue;
            for (size_t i = 0; i < b->free.size(); ++i) {
                const auto [o, s] = b->free[i];
                const VkDeviceSize start = (o + alignment - 1) / alignment * alignment;
                if (start + size > o + s) continue;
                b->free.erase(b->free.begin() + long(i));
                if (start + size < o + s) release(b.get(), start + size, o + s - start - size);
                if (start > o) release(b.get(), o, start - o);
                block = b.get();
                offset = start;
                return status::ok();
            }
        }
        auto b = std::make_unique<memory_block>();
        b->size = std::max(default_block, (size + alignment - 1) / alignment * alignment);
        b->type = type;
        VkMemoryAllocateInfo ai{};
        ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
        ai.allocationSize = b->size;
        ai.memoryTypeIndex = type;
        FLATNN_TRY(check(c_->vk.vkAllocateMemory(c_->device, &ai, nullptr, &b->memory), "vkAllocateMemory"));
        if (c_->memory.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
            void* p = nullptr;
            if (status s = check(c_->vk.vkMapMemory(c_->device, b->memory, 0, VK_WHOLE_SIZE, 0, &p), "vkMapMemory"); !s) {
                c_->vk.vkFreeMemory(c_->device, b->memory, nullptr);
                return s;
            }
            b->mapped = static_cast<uint8_t*>(p);
        }
        if (size < b->size) b->free.push_back({size, b->size - size});
        block = b.get();
        offset = 0;
        blocks_.push_back(std::move(b));
        return status::ok();
    }
};

inline buffer& buffer::operator=(buffer&& o) noexcept {
    if (this != &o) {
        reset();
        handle = o.handle, size = o.size, mapped = o.mapped, coherent = o.coherent, owner = o.owner;
        block = o.block, offset = o.offset, reserved = o.reserved;
        o.handle = VK_NULL_HANDLE, o.owner = nullptr, o.block = nullptr, o.mapped = nullptr;
    }
    return *this;
}

inline void buffer::reset() noexcept {
    if (owner && handle) {
        owner->ctx().vk.vkDestroyBuffer(owner->ctx().device, handle, nullptr);
        owner->release(block, offset, reserved);
    }
    handle = VK_NULL_HANDLE, owner = nullptr, block = nullptr, mapped = nullptr, size = 0;
}

}  // namespace flatnn::vulkan
