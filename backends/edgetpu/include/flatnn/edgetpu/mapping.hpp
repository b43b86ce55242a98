#pragma once
// Predicts, for a CPU model, which ops the Edge TPU compiler would map and why the others would stay on the CPU
// (the published requirements, edgetpu.md §4). The compiler is closed and has the final say: this is a
// prediction. It walks subgraph 0 in execution order; an op is mapped when it passes the rules and all its
// computed inputs come from mapped ops (the compiler makes one contiguous Edge TPU subgraph from the inputs).
// Resize ops are marked uncertain (the compiler may keep them on the CPU for precision, depending on sizes);
// the predicted region treats them as CPU ops.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "flatnn/model/model.hpp"
#include "flatnn/model/tflite_schema_generated.hpp"

namespace flatnn::edgetpu {

enum class mapping_verdict : uint8_t { mapped, uncertain, not_mapped, after_cut };

inline const char* mapping_verdict_name(mapping_verdict v) noexcept {
    switch (v) {
        case mapping_verdict::mapped: return "Edge TPU";
        case mapping_verdict::uncertain: return "uncertain";
        case mapping_verdict::not_mapped: return "CPU";
        case mapping_verdict::after_cut: return "CPU";
    }
    return "?";
}

struct op_mapping {
    size_t index = 0;
    std::string name;
    mapping_verdict verdict = mapping_verdict::mapped;
    std::string reason;  // the compiler's wording where it has one
    bool on_tpu() const noexcept { return verdict == mapping_verdict::mapped; }
};

namespace detail {

inline std::string op_name_of(const operator_info& op) {
    if (op.code == int32_t(flatnn::schema::builtin_op::custom)) return std::string(op.custom_code);
    if (op.code >= 0 && op.code < flatnn::schema::builtin_op_count && flatnn::schema::builtin_op_names[op.code])
        return flatnn::schema::builtin_op_names[op.code];
    return "op" + std::to_string(op.code);
}

inline bool supported_op(std::string_view n) {
    static const char* const ops[] = {
        "ADD", "SUB", "MUL", "MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE", "RSQRT", "LOGISTIC", "TANH", "RELU",
        "RELU6", "RELU_N1_TO_1", "PRELU", "AVERAGE_POOL_2D", "MAX_POOL_2D", "CONCATENATION", "CONV_2D",
        "DEPTHWISE_CONV_2D", "TRANSPOSE_CONV", "FULLY_CONNECTED", "L2_NORMALIZATION", "LSTM",
        "UNIDIRECTIONAL_SEQUENCE_LSTM", "MEAN", "SUM", "REDUCE_MAX", "REDUCE_MIN", "PACK", "PAD", "SPLIT", "RESHAPE",
        "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR", "SLICE", "SQUEEZE", "EXPAND_DIMS", "TRANSPOSE",
        "SPACE_TO_DEPTH", "QUANTIZE", "SOFTMAX", "STRIDED_SLICE"};
    for (const char* o : ops)
        if (n == o) return true;
    return false;
}

inline bool has_weights(std::string_view n) {
    return n == "CONV_2D" || n == "DEPTHWISE_CONV_2D" || n == "FULLY_CONNECTED" || n == "TRANSPOSE_CONV";
}

// Constant int32 vector input (axes, paddings, strides); empty when absent or not constant.
inline std::vector<int32_t> const_ints(const subgraph_info& g, const operator_info& op, size_t i) {
    std::vector<int32_t> v;
    if (i >= op.inputs.size() || op.inputs[i] < 0) return v;
    const tensor_info& t = g.tensors[size_t(op.inputs[i])];
    if (!t.is_constant() || t.type != dtype::int32) return v;
    for (size_t k = 0; k + 4 <= t.data_size; k += 4) v.push_back(fb::load<int32_t>(t.data + k));
    return v;
}

inline int32_t option(const operator_info& op, uint8_t tag, int field, int32_t fallback) {
    if (op.options_type != tag || !op.options.valid()) return fallback;
    return op.options.scalar<int8_t>(field, int8_t(fallback));
}

// The first rule the op breaks, or empty.
inline std::string rule_broken(const subgraph_info& g, const operator_info& op, const std::string& name) {
    namespace s = flatnn::schema;
    if (!supported_op(name))
        return op.code == int32_t(s::builtin_op::custom) ? "Unsupported op: custom operators are not supported"
                                                          : "Unsupported op";
    const bool lstm = name == "LSTM" || name == "UNIDIRECTIONAL_SEQUENCE_LSTM";
    auto check_tensor = [&](int32_t index, bool input, size_t position) -> std::string {
        if (index < 0) return {};
        const tensor_info& t = g.tensors[size_t(index)];
        const bool bias = input && has_weights(name) && position == 2;
        const bool ok_type = t.type == dtype::uint8 || t.type == dtype::int8 || (bias && t.type == dtype::int32) ||
                             (lstm && t.type == dtype::int16) ||
                             (input && t.is_constant() && t.type == dtype::int32);  // shapes, axes, paddings
        if (!ok_type) return "Operation is working on an unsupported data type";
        for (int32_t d : t.shape_signature)
            if (d == -1) return "Operation has a dynamic-sized tensor (shape_signature -1)";
        if (!t.is_constant() && t.dims.rank() > 3)
            for (int d = 0; d + 3 < t.dims.rank(); ++d)
                if (t.dims[d] > 1) return "Tensor has unsupported rank (more than 3 innermost dimensions)";
        return {};
    };
    for (size_t i = 0; i < op.inputs.size(); ++i)
        if (std::string r = check_tensor(op.inputs[i], true, i); !r.empty()) return r;
    for (size_t i = 0; i < op.outputs.size(); ++i)
        if (std::string r = check_tensor(op.outputs[i], false, i); !r.empty()) return r;

    if (has_weights(name))
        for (size_t i : {size_t(1), size_t(2)})
            if (i < op.inputs.size() && op.inputs[i] >= 0 && !g.tensors[size_t(op.inputs[i])].is_constant())
                return "Weights and biases must be constant";
    const auto first_input = [&]() -> const tensor_info* {
        return op.inputs.empty() || op.inputs[0] < 0 ? nullptr : &g.tensors[size_t(op.inputs[0])];
    };
    if (name == "AVERAGE_POOL_2D" || name == "MAX_POOL_2D") {
        if (option(op, s::builtin_options_tag::pool2d_options, s::pool2d_options_field::fused_activation_function, 0))
            return "Pooling with a fused activation is not supported";
    } else if (name == "CONCATENATION") {
        if (option(op, s::builtin_options_tag::concatenation_options,
                   s::concatenation_options_field::fused_activation_function, 0))
            return "Concatenation with a fused activation is not supported";
        for (int32_t in : op.inputs) {
            if (in < 0 || !g.tensors[size_t(in)].is_constant()) continue;
            const tensor_info& t = g.tensors[size_t(in)];
            const int32_t zp = t.quant.zero_point.empty() ? 0 : int32_t(t.quant.zero_point[0]);
            bool zeros = true;
            for (size_t k = 0; k < t.data_size; ++k)
                zeros = zeros && int32_t(t.type == dtype::int8 ? int8_t(t.data[k]) : t.data[k]) == zp;
            if (op.inputs.size() != 2 || !zeros)
                return "Concatenation of a constant is supported only as one of two inputs and all zeros";
        }
    } else if (name == "CONV_2D" || name == "DEPTHWISE_CONV_2D") {
        const bool conv = name == "CONV_2D";
        const uint8_t tag = conv ? s::builtin_options_tag::conv2d_options : s::builtin_options_tag::depthwise_conv2d_options;
        if (op.options_type == tag && op.options.valid()) {
            const int w = conv ? int(s::conv2d_options_field::dilation_w_factor) : int(s::depthwise_conv2d_options_field::dilation_w_factor);
            const int h = conv ? int(s::conv2d_options_field::dilation_h_factor) : int(s::depthwise_conv2d_options_field::dilation_h_factor);
            if (op.options.scalar<int32_t>(w, 1) != op.options.scalar<int32_t>(h, 1))
                return "Different dilation in x and y is not supported";
        }
    } else if (name == "FULLY_CONNECTED") {
        if (option(op, s::builtin_options_tag::fully_connected_options, s::fully_connected_options_field::weights_format, 0))
            return "Only the default weights format is supported";
    } else if (name == "MEAN" || name == "SUM" || name == "REDUCE_MAX" || name == "REDUCE_MIN") {
        const tensor_info* in = first_input();
        for (int32_t a : const_ints(g, op, 1)) {
            const int rank = in ? in->dims.rank() : 0;
            const int axis = a < 0 ? a + rank : a;
            if (axis == 0 && rank > 1) return "Reduction over the batch dimension is not supported";
            if (name == "MEAN" && in && axis == rank - 1 && in->dims[axis] % 4 != 0)
                return "Mean over z needs z to be a multiple of 4";
        }
    } else if (name == "PACK" || name == "SPLIT") {
        const bool pack = name == "PACK";
        const size_t data = pack ? 0 : 1;  // SPLIT: input 0 is the axis
        const tensor_info* in =
            data < op.inputs.size() && op.inputs[data] >= 0 ? &g.tensors[size_t(op.inputs[data])] : nullptr;
        int32_t axis = 0;
        if (pack && op.options_type == s::builtin_options_tag::pack_options && op.options.valid())
            axis = op.options.scalar<int32_t>(s::pack_options_field::axis, 0);
        else if (auto a = const_ints(g, op, 0); !pack && !a.empty())
            axis = a[0];
        const int rank = in ? in->dims.rank() + (pack ? 1 : 0) : 1;
        if ((axis < 0 ? axis + rank : axis) == 0 && rank > 1) return name + " along the batch dimension is not supported";
    } else if (name == "PAD") {
        const auto p = const_ints(g, op, 1);
        if (p.size() >= 2 && (p[0] != 0 || p[1] != 0)) return "Padding along the batch dimension is not supported";
    } else if (name == "SOFTMAX") {
        const tensor_info* in = first_input();
        if (in) {
            int non_unit = 0;
            for (int d = 0; d < in->dims.rank(); ++d) non_unit += in->dims[d] > 1;
            if (non_unit > 1) return "Softmax is supported only on 1-D tensors";
            if (in->dims.num_elements() > 16000) return "Softmax is supported only up to 16000 elements";
        }
    } else if (name == "STRIDED_SLICE") {
        for (int32_t stride : const_ints(g, op, 3))
            if (stride != 1) return "Strided slice with a stride other than 1 is not supported";
        if (op.options_type == s::builtin_options_tag::strided_slice_options && op.options.valid() &&
            (op.options.scalar<int32_t>(s::strided_slice_options_field::ellipsis_mask, 0) ||
             op.options.scalar<int32_t>(s::strided_slice_options_field::new_axis_mask, 0)))
            return "Strided slice with an ellipsis or new-axis mask is not supported";
    }
    return {};
}

}  // namespace detail

// One entry per operator of subgraph 0, in execution order.
inline std::vector<op_mapping> predict_mapping(const model& m) {
    const subgraph_info& g = m.subgraph(0);
    std::vector<int8_t> on_tpu(g.tensors.size(), 0);  // produced by a mapped op, or a graph input
    for (int32_t t : g.inputs) on_tpu[size_t(t)] = 1;
    std::vector<op_mapping> out;
    for (size_t i = 0; i < g.operators.size(); ++i) {
        const operator_info& op = g.operators[i];
        op_mapping r;
        r.index = i;
        r.name = detail::op_name_of(op);
        bool fed_by_tpu = true;
        for (int32_t t : op.inputs)
            if (t >= 0 && !g.tensors[size_t(t)].is_constant() && !on_tpu[size_t(t)]) fed_by_tpu = false;
        if (!fed_by_tpu) {
            r.verdict = mapping_verdict::after_cut;
            r.reason = "An input is computed on the CPU (the Edge TPU subgraph is one contiguous region)";
        } else if (std::string why = detail::rule_broken(g, op, r.name); !why.empty()) {
            r.verdict = mapping_verdict::not_mapped;
            r.reason = why;
        } else if (r.name == "RESIZE_BILINEAR" || r.name == "RESIZE_NEAREST_NEIGHBOR") {
            r.verdict = mapping_verdict::uncertain;
            r.reason = "May stay on the CPU to avoid a loss of precision, depending on input/output size";
        } else {
            r.reason = "Mapped to Edge TPU";
        }
        if (r.on_tpu())
            for (int32_t t : op.outputs) on_tpu[size_t(t)] = 1;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace flatnn::edgetpu
