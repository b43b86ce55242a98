#pragma once
// A runtime tensor: type, shape, quantization and a pointer into the arena (or into the model for constants).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "flatnn/core/dtype.hpp"
#include "flatnn/core/quantization.hpp"
#include "flatnn/core/shape.hpp"

namespace flatnn {

struct tensor {
    dtype type = dtype::float32;
    flatnn::shape dims;
    uint8_t* data = nullptr;
    size_t bytes = 0;
    const quantization* quant = nullptr;  // nullptr or empty when not quantized
    std::string_view name;
    int32_t index = -1;
    bool is_constant = false;
    bool is_variable = false;
    // Values known at prepare for a non-constant tensor: a small int32/int64 tensor computed from shapes and
    // constants (SHAPE -> STRIDED_SLICE -> PACK, ...), evaluated by the interpreter while it prepares the graph
    // (runtime/known_values.hpp). nullptr when unknown; valid until the next plan. The op that writes the tensor
    // still runs at invoke and writes the same values into `data`.
    const uint8_t* known = nullptr;

    template <class T>
    T* data_as() noexcept { return reinterpret_cast<T*>(data); }
    template <class T>
    const T* data_as() const noexcept { return reinterpret_cast<const T*>(data); }
    int64_t num_elements() const noexcept { return dims.num_elements(); }
    bool quantized() const noexcept { return quant && !quant->empty(); }
    float scale() const noexcept { return quantized() ? quant->scale[0] : 0.0f; }
    int32_t zero_point() const noexcept { return quantized() ? int32_t(quant->zero_point[0]) : 0; }
};

// Typed, non-owning view; kernels take views, never interpreter internals.
template <class T>
struct tensor_view {
    T* data = nullptr;
    flatnn::shape dims;
    int64_t size() const noexcept { return dims.num_elements(); }
    T& operator[](int64_t i) const noexcept { return data[i]; }
};

template <class T>
inline tensor_view<T> view(tensor& t) noexcept { return {t.data_as<T>(), t.dims}; }
template <class T>
inline tensor_view<const T> view(const tensor& t) noexcept { return {t.data_as<const T>(), t.dims}; }

}  // namespace flatnn
