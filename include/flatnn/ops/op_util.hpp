#pragma once
// Checks and helpers shared by the ops' prepare functions.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "flatnn/core/tensor.hpp"
#include "flatnn/model/tflite_schema_generated.hpp"
#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/runtime/node.hpp"

namespace flatnn::ops {

inline status expect_io(const node& n, size_t min_in, size_t max_in, size_t outs) {
    if (n.inputs.size() < min_in || n.inputs.size() > max_in)
        return n.fail("takes " + (min_in == max_in ? std::to_string(min_in) : std::to_string(min_in) + " to " + std::to_string(max_in)) +
                      " inputs, the model gives " + std::to_string(n.inputs.size()));
    if (n.outputs.size() != outs)
        return n.fail("has " + std::to_string(outs) + " outputs, the model gives " + std::to_string(n.outputs.size()));
    for (size_t i = 0; i < min_in; ++i)
        if (!n.inputs[i]) return n.fail("input " + std::to_string(i) + " is required but omitted (-1)");
    return status::ok();
}

// The options table, when present, must be of the expected union member.
inline status expect_options(const node& n, uint8_t tag) {
    if (n.op->options_type != 0 && n.op->options_type != tag) {
        const uint8_t got = n.op->options_type;
        const char* got_name = got < schema::builtin_options_desc.count ? schema::builtin_options_names[got] : "unknown";
        return n.fail(std::string("builtin_options has type ") + got_name + ", expected " +
                      schema::builtin_options_names[tag]);
    }
    return status::ok();
}

template <class T>
inline T option(const node& n, int field, T default_value) {
    return n.op->options.valid() && n.op->options_type != 0 ? n.op->options.scalar<T>(field, default_value)
                                                           : default_value;
}

inline status expect_type(const node& n, const tensor& t, dtype want, const char* role) {
    if (t.type != want)
        return n.fail(std::string(role) + " has type " + dtype_name(t.type) + ", expected " + dtype_name(want));
    return status::ok();
}

inline status expect_rank(const node& n, const tensor& t, int rank, const char* role) {
    if (t.dims.rank() != rank)
        return n.fail(std::string(role) + " has rank " + std::to_string(t.dims.rank()) + " (shape " + t.dims.str() +
                      "), expected " + std::to_string(rank));
    return status::ok();
}

inline bool is_quantized_type(dtype t) { return t == dtype::int8 || t == dtype::uint8 || t == dtype::int16; }

// Quantized tensors need a per-tensor (or per-channel where allowed) positive finite scale and a zero point
// inside the type's range.
inline status expect_quantized(const node& n, const tensor& t, const char* role, bool per_channel_ok = false) {
    if (!t.quantized()) return n.fail(std::string(role) + " of type " + dtype_name(t.type) + " has no quantization parameters");
    if (!per_channel_ok && t.quant->per_channel())
        return n.fail(std::string(role) + " must be quantized per tensor, it has " + std::to_string(t.quant->channels()) + " scales");
    for (size_t c = 0; c < t.quant->channels(); ++c) {
        const float s = t.quant->scale[c];
        if (!(s > 0.0f) || !std::isfinite(s))
            return n.fail(std::string(role) + " has invalid quantization scale " + std::to_string(s) + " (must be positive and finite)");
        const int64_t zp = t.quant->zero_point[c];
        int64_t lo = 0, hi = 0;
        switch (t.type) {
            case dtype::int8: lo = -128, hi = 127; break;
            case dtype::uint8: lo = 0, hi = 255; break;
            case dtype::int16: lo = -32768, hi = 32767; break;
            default: lo = std::numeric_limits<int32_t>::min(), hi = std::numeric_limits<int32_t>::max();
        }
        if (zp < lo || zp > hi)
            return n.fail(std::string(role) + " zero point " + std::to_string(zp) + " is outside the range of " +
                          dtype_name(t.type));
    }
    return status::ok();
}

template <class T>
struct qlimits {
    static constexpr int32_t min = std::numeric_limits<T>::min();
    static constexpr int32_t max = std::numeric_limits<T>::max();
};

enum class activation : int8_t { none = 0, relu = 1, relu_n1_to_1 = 2, relu6 = 3, tanh = 4, sign_bit = 5 };

inline status check_activation(const node& n, int8_t act) {
    if (act < 0 || act > 3) return n.fail("fused activation " + std::to_string(act) + " is not supported here");
    return status::ok();
}

inline void float_activation_range(int8_t act, float& lo, float& hi) {
    lo = -std::numeric_limits<float>::infinity();
    hi = std::numeric_limits<float>::infinity();
    if (act == int8_t(activation::relu)) lo = 0.0f;
    else if (act == int8_t(activation::relu6)) lo = 0.0f, hi = 6.0f;
    else if (act == int8_t(activation::relu_n1_to_1)) lo = -1.0f, hi = 1.0f;
}

template <class T>
inline void quantized_activation_range(int8_t act, float scale, int32_t zp, int32_t& lo, int32_t& hi) {
    lo = qlimits<T>::min;
    hi = qlimits<T>::max;
    // Saturating: a tiny scale puts 6 / scale beyond int32 (the clamp to the type's range follows anyway).
    auto q = [&](float v) { return fixed_point::saturate_to_int32(double(fixed_point::round_half_away(v / scale)) + zp); };
    if (act == int8_t(activation::relu)) lo = std::max(lo, q(0.0f));
    else if (act == int8_t(activation::relu6)) lo = std::max(lo, q(0.0f)), hi = std::min(hi, q(6.0f));
    else if (act == int8_t(activation::relu_n1_to_1)) lo = std::max(lo, q(-1.0f)), hi = std::min(hi, q(1.0f));
}

// SAME / VALID output size and leading padding for one spatial dimension (tflite-format.md §7.2).
struct padded_dim {
    int32_t out = 0;
    int32_t pad = 0;
};
inline bool compute_padding(int8_t padding, int32_t in, int32_t k, int32_t stride, int32_t dilation, padded_dim& r) {
    if (stride <= 0 || dilation <= 0 || k <= 0) return false;
    const int64_t k_eff = int64_t(k - 1) * dilation + 1;
    int64_t out = padding == 0 ? (int64_t(in) + stride - 1) / stride : (int64_t(in) - k_eff + stride) / stride;
    if (out < 0) out = 0;
    // The kernels compute input positions (out - 1) * stride - pad + (k - 1) * dilation in int32.
    if ((out > 0 ? (out - 1) * stride : 0) + k_eff > INT32_MAX) return false;
    const int64_t total = std::max<int64_t>((out - 1) * stride + k_eff - in, 0);
    r.out = int32_t(out);
    r.pad = int32_t(total / 2);
    return true;
}

// The values of t at prepare: a constant's data, or the values the interpreter computed at prepare from
// shapes and constants (tensor::known); nullptr when they depend on values known only at invoke.
inline const uint8_t* values_at_prepare(const tensor& t) noexcept {
    return t.is_constant ? t.data : t.known;
}

// Reads a small int32/int64 vector input whose values decide a shape (axis, shape, paddings) into out: a
// constant, or a tensor computed from shapes and constants (values_at_prepare).
inline status read_const_ints(const node& n, const tensor& t, const char* role, std::vector<int64_t>& out) {
    const uint8_t* data = values_at_prepare(t);
    if (!data)
        return n.fail(std::string(role) + " must be constant or computed from shapes and constants only (tensor " +
                      std::to_string(t.index) + " '" + std::string(t.name) +
                      "' depends on values known only at invoke; shapes are planned before invoke)");
    if (t.type != dtype::int32 && t.type != dtype::int64)
        return n.fail(std::string(role) + " has type " + dtype_name(t.type) + ", expected int32 or int64");
    out.resize(size_t(t.num_elements()));
    if (t.type == dtype::int32) {
        for (size_t i = 0; i < out.size(); ++i) out[i] = reinterpret_cast<const int32_t*>(data)[i];
    } else {
        for (size_t i = 0; i < out.size(); ++i) out[i] = reinterpret_cast<const int64_t*>(data)[i];
    }
    return status::ok();
}

// Per-node buffers sized from shapes or options must stay under the interpreter's cap
// (interpreter_options::max_arena_bytes), checked before allocating them.
inline status check_scratch(const node& n, uint64_t count, uint64_t element_size, const char* what) {
    if (element_size && count > n.max_scratch_bytes / element_size)
        return n.fail(std::string(what) + " needs " + std::to_string(count) + " x " + std::to_string(element_size) +
                      " bytes, more than the limit of " + std::to_string(n.max_scratch_bytes) +
                      " bytes (interpreter_options::max_arena_bytes)");
    return status::ok();
}

inline status output_type_matches_input(const node& n, size_t in = 0, size_t out = 0) {
    if (n.in(in).type != n.out(out).type)
        return n.fail(std::string("output type ") + dtype_name(n.out(out).type) + " differs from input type " +
                      dtype_name(n.in(in).type));
    return status::ok();
}

}  // namespace flatnn::ops
