#pragma once
// The Vulkan backend. It claims the nodes it has a shader for (vulkan/ops/registry.hpp), runs the op's own
// prepare for their shapes and parameters, and once the plan is complete (planned()) records them:
//
// - Consecutive Vulkan nodes form a segment. Each segment has one command buffer, recorded once per plan:
//   copies of its host-produced inputs from the staging buffer, the dispatches with a barrier between each,
//   copies of the outputs the host needs (read by a CPU node, or graph outputs) back to the staging buffer.
// - invoke() of a segment's first node copies those inputs into the staging buffer, submits the command buffer
//   once, waits, and copies the outputs to the host tensors; the segment's other nodes do nothing. A model that
//   runs entirely on Vulkan takes one submit per inference and no re-recording.
// - One device buffer holds the activations at the interpreter's arena offsets (its lifetime plan holds on the
//   device too) followed by the constants; tensors that stay between Vulkan nodes never leave the device.
//
// One vulkan_backend serves one interpreter at a time (like cpu_backend).
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "flatnn/backend/backend.hpp"
#include "flatnn/backend/reference_backend.hpp"
#include "flatnn/registry/builtin_ops.hpp"
#include "flatnn/vulkan/context.hpp"
#include "flatnn/vulkan/memory.hpp"
#include "flatnn/vulkan/ops/registry.hpp"
#include "flatnn/vulkan/pipelines.hpp"
#include "flatnn/vulkan/plan.hpp"

namespace flatnn {

struct vulkan_backend_options {
    vulkan::device_options device;
    std::string pipeline_cache_file;  // read at creation when it exists; written by save_pipeline_cache()
    std::vector<size_t> cpu_nodes;    // node indices left to the next backend (bisecting, partition tests)
    bool profile = false;             // timestamp every step (device time per dispatch, see step_times())
    // Store float32 tensors (activations and weights) as float16 on the device, computing in float32: half the
    // memory traffic, at a rounding of each stored value (relative 2^-11; the bound in docs/architecture.md).
    // Needs storageBuffer16BitAccess: create() fails with the reason on a device without it.
    bool float16_storage = false;
};

// Device time of one recorded step, summed over the invokes since the plan was made.
struct vulkan_step_time {
    size_t node = 0;
    bool dispatch = true;  // else a copy
    uint64_t ns = 0;
};

// Figures of the current plan.
struct vulkan_plan_stats {
    size_t nodes = 0;              // nodes run by the backend
    size_t segments = 0;           // = queue submits per invoke
    size_t dispatches = 0;         // compute dispatches per invoke
    size_t copies = 0;             // device-side copies per invoke (RESHAPE)
    size_t uploads = 0, downloads = 0;          // host <-> device tensor transfers per invoke
    size_t upload_bytes = 0, download_bytes = 0;
    size_t device_bytes = 0;       // tensor buffer: arena + constants
    size_t pipelines = 0;
};

class vulkan_backend {
public:
    static constexpr const char* name = "vulkan";

    static result<std::unique_ptr<vulkan_backend>> create(const vulkan_backend_options& o = {},
                                                         const op_resolver& resolver = builtin_op_resolver()) {
        auto ctx = vulkan::context::create(o.device);
        if (!ctx) return ctx.error();
        if (o.float16_storage && !ctx.value()->storage_16bit)
            return status::error("vulkan: float16 storage needs storageBuffer16BitAccess (VK_KHR_16bit_storage), which "
                                 "device '" + ctx.value()->description.name + "' lacks");
        std::unique_ptr<vulkan_backend> b(new vulkan_backend(std::move(ctx.value()), resolver));
        FLATNN_TRY(b->pipelines_.init(o.pipeline_cache_file));
        b->options_ = o;
        b->caps_.float16_storage = o.float16_storage;
        return b;
    }
    vulkan_backend(const vulkan_backend&) = delete;
    vulkan_backend& operator=(const vulkan_backend&) = delete;
    ~vulkan_backend() { release_plan(); }

    bool claims(const node& n) const { return why_not(n).empty(); }
    std::string why_not(const node& n) const {
        if (std::string r = reference_.why_not(n); !r.empty()) return r;
        for (size_t i : options_.cpu_nodes)
            if (i == n.index) return "left to the CPU by vulkan_backend_options::cpu_nodes";
        const vulkan::vulkan_op* op = vulkan::find_vulkan_op(n.op->code);
        if (!op) return "op " + n.name + " has no Vulkan kernel";
        if (std::string r = vulkan::variable_problem(n); !r.empty()) return r;
        return op->why_not(n, caps_);
    }
    status prepare(node& n) {
        plan_ready_ = false;  // a new plan is being made; planned() completes it
        return reference_.prepare(n);
    }
    status planned(const plan_view& v) { return build(v); }

    status invoke(node& n) {
        if (!plan_ready_) return n.fail("vulkan: invoke before the plan was recorded (the interpreter did not call planned())");
        const int s = n.index < node_segment_.size() ? node_segment_[n.index] : -1;
        if (s < 0) return n.fail("vulkan: internal error: node is in no segment");
        segment& seg = segments_[size_t(s)];
        if (seg.first != n.index) return status::ok();  // ran with its segment
        return run(n, seg);
    }

    const vulkan::context& context() const noexcept { return *ctx_; }
    const vulkan_plan_stats& stats() const noexcept { return stats_; }
    size_t submits() const noexcept { return submits_; }  // since creation
    // With vulkan_backend_options::profile: per step, in recording order (empty when the device cannot time).
    const std::vector<vulkan_step_time>& step_times() const noexcept { return times_; }
    size_t profiled_invokes() const noexcept { return profiled_runs_; }
    status save_pipeline_cache(const std::string& path) const { return pipelines_.save_cache(path); }

private:
    struct transfer {
        int32_t tensor;
        size_t offset, bytes;  // on the device
        bool half = false;     // a float32 host tensor stored as float16: converted on the way
    };
    struct segment {
        size_t first = 0, last = 0;
        std::vector<transfer> uploads, downloads;
        VkCommandBuffer commands = VK_NULL_HANDLE;
        size_t step_begin = 0, step_end = 0;  // its steps; with profiling, queries 2*i, 2*i+1 time step i
    };

    std::unique_ptr<vulkan::context> ctx_;
    reference_backend reference_;
    vulkan::pipelines pipelines_;
    vulkan::allocator allocator_;
    vulkan_backend_options options_;
    vulkan::device_caps caps_;

    // The current plan.
    bool plan_ready_ = false;
    std::vector<segment> segments_;
    std::vector<int> node_segment_;
    std::vector<tensor*> tensors_;  // by tensor index, for the transfers
    vulkan::buffer device_, staging_;
    VkDescriptorPool pool_ = VK_NULL_HANDLE;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    vulkan_plan_stats stats_;
    size_t submits_ = 0;
    VkQueryPool queries_ = VK_NULL_HANDLE;
    std::vector<vulkan_step_time> times_;
    std::vector<uint64_t> stamps_;
    size_t profiled_runs_ = 0;

    vulkan_backend(std::unique_ptr<vulkan::context> c, const op_resolver& resolver)
        : ctx_(std::move(c)), reference_(resolver), pipelines_(*ctx_), allocator_(*ctx_) {
        caps_.storage_8bit = ctx_->storage_8bit;
        caps_.float64 = ctx_->float64;
    }

    void release_plan() {
        auto& vk = ctx_->vk;
        for (auto& s : segments_)
            if (s.commands) vk.vkFreeCommandBuffers(ctx_->device, ctx_->command_pool, 1, &s.commands);
        segments_.clear();
        if (pool_) vk.vkDestroyDescriptorPool(ctx_->device, pool_, nullptr);
        if (fence_) vk.vkDestroyFence(ctx_->device, fence_, nullptr);
        if (queries_) vk.vkDestroyQueryPool(ctx_->device, queries_, nullptr);
        pool_ = VK_NULL_HANDLE, set_ = VK_NULL_HANDLE, fence_ = VK_NULL_HANDLE, queries_ = VK_NULL_HANDLE;
        times_.clear();
        profiled_runs_ = 0;
        device_.reset();
        staging_.reset();
        plan_ready_ = false;
        stats_ = {};
    }

    status build(const plan_view& v) {
        release_plan();
        std::vector<node>& nodes = *v.nodes;
        auto mine = [&](const node& n) { return n.backend == v.backend; };
        // Segments and tensor roles.
        node_segment_.assign(nodes.size(), -1);
        size_t tensor_count = v.offsets->size();
        tensors_.assign(tensor_count, nullptr);
        std::vector<uint8_t> device_written(tensor_count, 0), host_needs(tensor_count, 0);
        for (int32_t t : *v.graph_outputs) host_needs[size_t(t)] = 1;
        for (size_t i = 0; i < nodes.size(); ++i) {
            node& n = nodes[i];
            for (tensor* t : n.inputs)
                if (t) {
                    tensors_[size_t(t->index)] = t;
                    if (!mine(n)) host_needs[size_t(t->index)] = 1;
                }
            for (tensor* t : n.outputs) {
                tensors_[size_t(t->index)] = t;
                if (mine(n)) device_written[size_t(t->index)] = 1;
                if (v.keep_all_tensors) host_needs[size_t(t->index)] = 1;
            }
            if (!mine(n)) continue;
            if (i == 0 || !mine(nodes[i - 1])) {
                segments_.emplace_back();
                segments_.back().first = i;
            }
            segments_.back().last = i;
            node_segment_[i] = int(segments_.size() - 1);
        }
        if (segments_.empty()) {
            plan_ready_ = true;
            return status::ok();
        }

        // Steps of every node, in order; constants gathered on the way.
        vulkan::plan_builder b(pipelines_, v.arena_bytes, *v.offsets, options_.float16_storage);
        std::vector<size_t> segment_step_end(segments_.size());
        for (size_t si = 0; si < segments_.size(); ++si) {
            for (size_t i = segments_[si].first; i <= segments_[si].last; ++i) {
                const vulkan::vulkan_op* op = vulkan::find_vulkan_op(nodes[i].op->code);
                FLATNN_TRY(op->record(nodes[i], b));
                ++stats_.nodes;
            }
            segment_step_end[si] = b.steps().size();
        }
        const size_t total = b.total_bytes();
        if (total > ctx_->properties.limits.maxStorageBufferRange)
            return status::error("vulkan: the plan needs a tensor buffer of " + std::to_string(total) +
                                 " bytes (arena " + std::to_string(v.arena_bytes) + " + constants " +
                                 std::to_string(b.constants().size()) + "), more than the device's storage buffer range of " +
                                 std::to_string(ctx_->properties.limits.maxStorageBufferRange));
        FLATNN_TRY(allocator_.create(total, false, device_));
        FLATNN_TRY(allocator_.create(std::max(v.arena_bytes, b.constants().size()), true, staging_));
        stats_.device_bytes = total;

        // Transfers of each segment.
        for (auto& seg : segments_) {
            std::vector<uint8_t> seen(tensor_count, 0);
            for (size_t i = seg.first; i <= seg.last; ++i) {
                for (tensor* t : nodes[i].inputs) {
                    if (!t || t->is_constant || device_written[size_t(t->index)] || seen[size_t(t->index)]) continue;
                    seen[size_t(t->index)] = 1;
                    seg.uploads.push_back({t->index, (*v.offsets)[size_t(t->index)], b.device_bytes(*t), b.stored_as_half(t->type)});
                }
            }
            for (size_t i = seg.first; i <= seg.last; ++i)
                for (tensor* t : nodes[i].outputs)
                    if (host_needs[size_t(t->index)] && t->bytes)
                        seg.downloads.push_back({t->index, (*v.offsets)[size_t(t->index)], b.device_bytes(*t),
                                                 b.stored_as_half(t->type)});
            stats_.uploads += seg.uploads.size();
            stats_.downloads += seg.downloads.size();
            for (auto& u : seg.uploads) stats_.upload_bytes += u.bytes;
            for (auto& d : seg.downloads) stats_.download_bytes += d.bytes;
        }

        VkFenceCreateInfo fi{};
        fi.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
        FLATNN_TRY(vulkan::check(ctx_->vk.vkCreateFence(ctx_->device, &fi, nullptr, &fence_), "vkCreateFence"));
        FLATNN_TRY(create_descriptors());
        FLATNN_TRY(upload_constants(b));
        if (options_.profile && ctx_->timestamps && !b.steps().empty()) {
            VkQueryPoolCreateInfo qi{};
            qi.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
            qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
            qi.queryCount = uint32_t(2 * b.steps().size());
            FLATNN_TRY(vulkan::check(ctx_->vk.vkCreateQueryPool(ctx_->device, &qi, nullptr, &queries_), "vkCreateQueryPool"));
            for (const auto& st : b.steps()) times_.push_back({st.node, st.kind == vulkan::step::dispatch, 0});
            stamps_.assign(2 * b.steps().size(), 0);
        }
        size_t begin = 0;
        for (size_t si = 0; si < segments_.size(); ++si) {
            segments_[si].step_begin = begin;
            segments_[si].step_end = segment_step_end[si];
            FLATNN_TRY(record(segments_[si], b.steps(), begin, segment_step_end[si]));
            begin = segment_step_end[si];
        }
        for (const auto& s : b.steps()) (s.kind == vulkan::step::dispatch ? stats_.dispatches : stats_.copies)++;
        stats_.segments = segments_.size();
        stats_.pipelines = pipelines_.count();
        plan_ready_ = true;
        return status::ok();
    }

    status create_descriptors() {
        auto& vk = ctx_->vk;
        VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, vulkan::tensor_bindings};
        VkDescriptorPoolCreateInfo pi{};
        pi.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
        pi.maxSets = 1;
        pi.poolSizeCount = 1;
        pi.pPoolSizes = &size;
        FLATNN_TRY(vulkan::check(vk.vkCreateDescriptorPool(ctx_->device, &pi, nullptr, &pool_), "vkCreateDescriptorPool"));
        VkDescriptorSetLayout layout = pipelines_.set_layout();
        VkDescriptorSetAllocateInfo ai{};
        ai.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
        ai.descriptorPool = pool_;
        ai.descriptorSetCount = 1;
        ai.pSetLayouts = &layout;
        FLATNN_TRY(vulkan::check(vk.vkAllocateDescriptorSets(ctx_->device, &ai, &set_), "vkAllocateDescriptorSets"));
        VkDescriptorBufferInfo info{device_.handle, 0, VK_WHOLE_SIZE};
        VkWriteDescriptorSet w[vulkan::tensor_bindings]{};
        for (uint32_t i = 0; i < vulkan::tensor_bindings; ++i) {
            w[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
            w[i].dstSet = set_;
            w[i].dstBinding = i;
            w[i].descriptorCount = 1;
            w[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
            w[i].pBufferInfo = &info;
        }
        vk.vkUpdateDescriptorSets(ctx_->device, vulkan::tensor_bindings, w, 0, nullptr);
        return status::ok();
    }

    status begin_commands(VkCommandBuffer& cb, bool once) {
        auto& vk = ctx_->vk;
        VkCommandBufferAllocateInfo ai{};
        ai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
        ai.commandPool = ctx_->command_pool;
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 1;
        FLATNN_TRY(vulkan::check(vk.vkAllocateCommandBuffers(ctx_->device, &ai, &cb), "vkAllocateCommandBuffers"));
        VkCommandBufferBeginInfo bi{};
        bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
        bi.flags = once ? VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT : 0;
        return vulkan::check(vk.vkBeginCommandBuffer(cb, &bi), "vkBeginCommandBuffer");
    }

    // Every earlier transfer or shader write is visible to every later transfer or shader access.
    void barrier(VkCommandBuffer cb, VkPipelineStageFlags dst_stage = 0, VkAccessFlags dst_access = 0) {
        VkMemoryBarrier mb{};
        mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
        mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
        mb.dstAccessMask = dst_access ? dst_access
                                      : VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                                            VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
        const VkPipelineStageFlags stages = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
        ctx_->vk.vkCmdPipelineBarrier(cb, stages, dst_stage ? dst_stage : stages, 0, 1, &mb, 0, nullptr, 0, nullptr);
    }

    status submit_and_wait(VkCommandBuffer cb) {
        auto& vk = ctx_->vk;
        VkSubmitInfo si{};
        si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
        si.commandBufferCount = 1;
        si.pCommandBuffers = &cb;
        FLATNN_TRY(vulkan::check(vk.vkQueueSubmit(ctx_->queue, 1, &si, fence_), "vkQueueSubmit"));
        ++submits_;
        FLATNN_TRY(vulkan::check(vk.vkWaitForFences(ctx_->device, 1, &fence_, VK_TRUE, UINT64_MAX), "vkWaitForFences"));
        return vulkan::check(vk.vkResetFences(ctx_->device, 1, &fence_), "vkResetFences");
    }

    // Host writes to the staging buffer become visible to the device (a no-op on coherent memory).
    void flush_staging() {
        if (staging_.coherent) return;
        VkMappedMemoryRange r{};
        r.sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE;
        r.memory = staging_.block->memory;
        r.size = VK_WHOLE_SIZE;
        ctx_->vk.vkFlushMappedMemoryRanges(ctx_->device, 1, &r);
    }
    void invalidate_staging() {
        if (staging_.coherent) return;
        VkMappedMemoryRange r{};
        r.sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE;
        r.memory = staging_.block->memory;
        r.size = VK_WHOLE_SIZE;
        ctx_->vk.vkInvalidateMappedMemoryRanges(ctx_->device, 1, &r);
    }

    status upload_constants(const vulkan::plan_builder& b) {
        if (b.constants().empty()) return status::ok();
        auto& vk = ctx_->vk;
        std::memcpy(staging_.mapped, b.constants().data(), b.constants().size());
        flush_staging();
        VkCommandBuffer cb = VK_NULL_HANDLE;
        FLATNN_TRY(begin_commands(cb, true));
        VkBufferCopy region{0, b.constants_base(), b.constants().size()};
        vk.vkCmdCopyBuffer(cb, staging_.handle, device_.handle, 1, &region);
        status s = vulkan::check(vk.vkEndCommandBuffer(cb), "vkEndCommandBuffer");
        if (s) s = submit_and_wait(cb);
        vk.vkFreeCommandBuffers(ctx_->device, ctx_->command_pool, 1, &cb);
        return s;
    }

    status record(segment& seg, const std::vector<vulkan::step>& steps, size_t begin, size_t end) {
        auto& vk = ctx_->vk;
        VkCommandBuffer cb = VK_NULL_HANDLE;
        FLATNN_TRY(begin_commands(cb, false));
        seg.commands = cb;
        std::vector<VkBufferCopy> regions;
        for (const auto& u : seg.uploads) regions.push_back({u.offset, u.offset, u.bytes});
        if (!regions.empty()) {
            vk.vkCmdCopyBuffer(cb, staging_.handle, device_.handle, uint32_t(regions.size()), regions.data());
            barrier(cb);
        }
        vk.vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_COMPUTE, pipelines_.layout(), 0, 1, &set_, 0, nullptr);
        if (queries_ && end > begin) vk.vkCmdResetQueryPool(cb, queries_, uint32_t(2 * begin), uint32_t(2 * (end - begin)));
        VkPipeline bound = VK_NULL_HANDLE;
        for (size_t i = begin; i < end; ++i) {
            const vulkan::step& s = steps[i];
            if (i > begin) barrier(cb);
            if (queries_) vk.vkCmdWriteTimestamp(cb, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, queries_, uint32_t(2 * i));
            if (s.kind == vulkan::step::copy) {
                vk.vkCmdCopyBuffer(cb, device_.handle, device_.handle, 1, &s.region);
            } else {
                if (s.pipeline != bound) vk.vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_COMPUTE, bound = s.pipeline);
                vk.vkCmdPushConstants(cb, pipelines_.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, vulkan::push_words * 4,
                                      s.push.data());
                vk.vkCmdDispatch(cb, s.groups_x, s.groups_y, 1);
            }
            if (queries_) vk.vkCmdWriteTimestamp(cb, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, queries_, uint32_t(2 * i + 1));
        }
        regions.clear();
        for (const auto& d : seg.downloads) regions.push_back({d.offset, d.offset, d.bytes});
        if (!regions.empty()) {
            barrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT);
            vk.vkCmdCopyBuffer(cb, device_.handle, staging_.handle, uint32_t(regions.size()), regions.data());
            VkMemoryBarrier mb{};
            mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
            mb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
            mb.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
            vk.vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &mb, 0, nullptr,
                                    0, nullptr);
        }
        return vulkan::check(vk.vkEndCommandBuffer(cb), "vkEndCommandBuffer");
    }

    status run(node& n, segment& seg) {
        for (const auto& u : seg.uploads) {
            const tensor* t = tensors_[size_t(u.tensor)];
            if (!t->data) return n.fail("vulkan: input tensor " + std::to_string(u.tensor) + " has no data");
            if (u.half) {
                const float* f = t->data_as<float>();
                uint8_t* dst = staging_.mapped + u.offset;
                for (size_t k = 0; k < u.bytes / 2; ++k) {
                    const uint16_t h = float_to_half(f[k]);
                    std::memcpy(dst + 2 * k, &h, 2);
                }
            } else {
                std::memcpy(staging_.mapped + u.offset, t->data, u.bytes);
            }
        }
        flush_staging();
        if (status s = submit_and_wait(seg.commands); !s) return n.fail(s.message());
        invalidate_staging();
        if (queries_ && seg.step_end > seg.step_begin) {
            const uint32_t first = uint32_t(2 * seg.step_begin), count = uint32_t(2 * (seg.step_end - seg.step_begin));
            if (ctx_->vk.vkGetQueryPoolResults(ctx_->device, queries_, first, count, count * sizeof(uint64_t),
                                               stamps_.data() + first, sizeof(uint64_t),
                                               VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT) == VK_SUCCESS) {
                const double period = double(ctx_->properties.limits.timestampPeriod);
                for (size_t i = seg.step_begin; i < seg.step_end; ++i)
                    times_[i].ns += uint64_t(double(stamps_[2 * i + 1] - stamps_[2 * i]) * period);
            }
            if (seg.first == segments_.front().first) ++profiled_runs_;
        }
        for (const auto& d : seg.downloads) {
            if (d.half) {
                float* f = tensors_[size_t(d.tensor)]->data_as<float>();
                const uint8_t* src = staging_.mapped + d.offset;
                for (size_t k = 0; k < d.bytes / 2; ++k) {
                    uint16_t h;
                    std::memcpy(&h, src + 2 * k, 2);
                    f[k] = half_to_float(h);
                }
            } else {
                std::memcpy(tensors_[size_t(d.tensor)]->data, staging_.mapped + d.offset, d.bytes);
            }
        }
        return status::ok();
    }
};

}  // namespace flatnn
