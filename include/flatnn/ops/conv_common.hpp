#pragma once
// Quantization setup shared by the conv family (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED): tflite-format.md §7.5.
#include <vector>

#include "flatnn/ops/op_util.hpp"

namespace flatnn::ops {

struct conv_quant_params {
    int32_t input_offset = 0;   // -input zero point
    int32_t filter_offset = 0;  // -filter zero point (non-zero only for legacy uint8)
    int32_t output_zero_point = 0;
    int32_t act_min = 0, act_max = 0;
    std::vector<int32_t> multiplier;  // one per output channel
    std::vector<int> shift;
};

// s_in * s_filter[c] / s_out in double precision (one filter scale is broadcast to every channel).
inline double conv_effective_scale(const tensor& input, const tensor& filter, const tensor& output, int32_t c) {
    return double(input.scale()) * double(filter.quant->scale_at(size_t(c))) / double(output.scale());
}

// 16x8 (int16 activations, int8 weights): TFLite requires zero points of 0 on both sides; the accumulator
// follows the bias (int64, else int32).
inline status check_int16_activations(const node& n, const tensor& input, const tensor& filter, const tensor& output) {
    if (filter.type != dtype::int8)
        return n.fail(std::string("int16 input needs an int8 filter, it has ") + dtype_name(filter.type));
    if (output.type != dtype::int16) return n.fail(std::string("int16 input needs an int16 output, it has ") + dtype_name(output.type));
    if (input.zero_point() != 0 || output.zero_point() != 0)
        return n.fail("int16 input and output need zero point 0 (they have " + std::to_string(input.zero_point()) + ", " +
                      std::to_string(output.zero_point()) + ")");
    return status::ok();
}

// `channels` output channels; filter scales per tensor or per channel (already checked to match channels).
template <class T>
inline status setup_conv_quant(const node& n, const tensor& input, const tensor& filter, const tensor* bias,
                               const tensor& output, int32_t channels, int8_t act, conv_quant_params& q) {
    FLATNN_TRY(expect_quantized(n, input, "input"));
    FLATNN_TRY(expect_quantized(n, filter, "filter", true));
    FLATNN_TRY(expect_quantized(n, output, "output"));
    if (filter.quant->per_channel() && filter.quant->channels() != size_t(channels))
        return n.fail("filter has " + std::to_string(filter.quant->channels()) + " per-channel scales for " +
                      std::to_string(channels) + " output channels");
    // TFLite quantizes per channel only with signed (int8/int16) activations; uint8 uses one filter zero point.
    if (filter.quant->per_channel() && input.type == dtype::uint8)
        return n.fail("uint8 filter must be quantized per tensor (one zero point), it has " +
                      std::to_string(filter.quant->channels()) + " scales");
    if (filter.type == dtype::int8)
        for (size_t c = 0; c < filter.quant->channels(); ++c)
            if (filter.quant->zero_point[c] != 0) return n.fail("int8 filter zero points must be 0");
    if (bias) {
        const dtype want = input.type == dtype::int16 ? dtype::int64 : dtype::int32;
        if (bias->type != want && !(input.type == dtype::int16 && bias->type == dtype::int32))
            return n.fail(std::string("bias has type ") + dtype_name(bias->type) + ", expected " + dtype_name(want));
        if (bias->num_elements() != channels)
            return n.fail("bias has " + std::to_string(bias->num_elements()) + " elements for " +
                          std::to_string(channels) + " output channels");
    }
    q.input_offset = -input.zero_point();
    q.filter_offset = -filter.zero_point();
    q.output_zero_point = output.zero_point();
    q.multiplier.resize(size_t(channels));
    q.shift.resize(size_t(channels));
    for (int32_t c = 0; c < channels; ++c) {
        // TFLite's reference CONV_2D / DEPTHWISE_CONV_2D (PopulateConvolutionQuantizationParams): signed
        // activations take per-channel multipliers from a double product even for one filter scale; uint8 takes
        // the legacy per-tensor multiplier, whose scale product is rounded to single precision first.
        const double m = input.type == dtype::uint8
                             ? double(input.scale() * filter.scale()) / double(output.scale())
                             : conv_effective_scale(input, filter, output, c);
        fixed_point::quantize_multiplier(m, q.multiplier[size_t(c)], q.shift[size_t(c)]);
    }
    quantized_activation_range<T>(act, output.scale(), output.zero_point(), q.act_min, q.act_max);
    return status::ok();
}

}  // namespace flatnn::ops
