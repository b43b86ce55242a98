#pragma once
// The ops the Vulkan backend runs, by builtin code: why it would not run a node, and how to record one.
#include <string>

#include "flatnn/model/tflite_schema_generated.hpp"
#include "flatnn/registry/op_coverage.hpp"
#include "flatnn/vulkan/ops/add.hpp"
#include "flatnn/vulkan/ops/arg_max.hpp"
#include "flatnn/vulkan/ops/average_pool_2d.hpp"
#include "flatnn/vulkan/ops/concatenation.hpp"
#include "flatnn/vulkan/ops/conv_2d.hpp"
#include "flatnn/vulkan/ops/depthwise_conv_2d.hpp"
#include "flatnn/vulkan/ops/fully_connected.hpp"
#include "flatnn/vulkan/ops/mean.hpp"
#include "flatnn/vulkan/ops/quantize.hpp"
#include "flatnn/vulkan/ops/reshape.hpp"
#include "flatnn/vulkan/ops/resize_bilinear.hpp"
#include "flatnn/vulkan/ops/softmax.hpp"
#include "flatnn/vulkan/ops/squeeze.hpp"

namespace flatnn::vulkan {

using why_not_fn = std::string (*)(const node&, const device_caps&);
using record_fn = status (*)(const node&, plan_builder&);

struct vulkan_op {
    schema::builtin_op code;
    why_not_fn why_not;
    record_fn record;
    uint8_t forms;  // op_form bits with a shader (or a device copy), for the coverage table
};

inline const vulkan_op* find_vulkan_op(int32_t code) noexcept {
    using B = schema::builtin_op;
    static const vulkan_op ops[] = {
        {B::add, why_not_add, record_add, op_form::all},
        {B::arg_max, why_not_arg_max, record_arg_max, op_form::all},
        {B::average_pool_2d, why_not_average_pool_2d, record_average_pool_2d, op_form::all},
        {B::concatenation, why_not_concatenation, record_concatenation, op_form::all},
        {B::conv_2d, why_not_conv_2d, record_conv_2d, op_form::all},
        {B::depthwise_conv_2d, why_not_depthwise_conv_2d, record_depthwise_conv_2d, op_form::all},
        {B::fully_connected, why_not_fully_connected, record_fully_connected, op_form::all},
        {B::mean, why_not_mean, record_mean, op_form::all},
        {B::quantize, why_not_quantize, record_quantize, op_form::i8 | op_form::u8},
        {B::reshape, why_not_reshape, record_reshape, op_form::all},
        {B::resize_bilinear, why_not_resize_bilinear, record_resize_bilinear, op_form::all},
        {B::softmax, why_not_softmax, record_softmax, op_form::all},
        {B::squeeze, why_not_squeeze, record_squeeze, op_form::all},
    };
    for (const auto& op : ops)
        if (int32_t(op.code) == code) return &op;
    return nullptr;
}

// Forms with a shader, for the coverage table (0: the op runs on the CPU backend).
inline uint8_t vulkan_op_forms(schema::builtin_op code) noexcept {
    const vulkan_op* op = find_vulkan_op(int32_t(code));
    return op ? op->forms : 0;
}

}  // namespace flatnn::vulkan
