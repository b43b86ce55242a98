#pragma once
// Prepare-time helpers shared by the broadcasting binary ops without rescaling (MAXIMUM ... LOGICAL_OR and the
// comparisons): both inputs of one type, the output shape from broadcasting, a functor of
// reference/elementwise_binary.hpp (or reference/<stem>.hpp) applied per output element.
#include <limits>
#include <string>
#include <type_traits>

#include "flatnn/ops/broadcast.hpp"
#include "flatnn/reference/elementwise_binary.hpp"

namespace flatnn::ops {

struct binary_data : node_data {
    reference::broadcast_params bc;
};

template <class T, class U, class Fn>
inline status binary_invoke(node& n) {
    reference::binary_map(n.get<binary_data>().bc, n.in(0).data_as<T>(), n.in(1).data_as<T>(), n.out(0).data_as<U>(),
                          Fn{});
    return status::ok();
}

inline status binary_no_kernel(const node& n) {
    return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
}

// Same-type output; Fn picked per input type: float32 always, int32/int64 when ints, the raw bytes of int8/uint8
// when bytes (ops that only compare or move values, so that the scale does not matter).
template <class Fn>
inline status prepare_binary_same_type(node& n, bool ints, bool bytes) {
    auto& d = n.emplace<binary_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = binary_invoke<float, float, Fn>; return status::ok();
        case dtype::int32: if (ints) { n.invoke = binary_invoke<int32_t, int32_t, Fn>; return status::ok(); } break;
        case dtype::int64: if (ints) { n.invoke = binary_invoke<int64_t, int64_t, Fn>; return status::ok(); } break;
        case dtype::int8: if (bytes) { n.invoke = binary_invoke<int8_t, int8_t, Fn>; return status::ok(); } break;
        case dtype::uint8: if (bytes) { n.invoke = binary_invoke<uint8_t, uint8_t, Fn>; return status::ok(); } break;
        case dtype::int16: if (bytes) { n.invoke = binary_invoke<int16_t, int16_t, Fn>; return status::ok(); } break;
        default: break;
    }
    return binary_no_kernel(n);
}

// Ops with a fused activation (SUB, DIV) in float32/int32/int64: the activation's bounds as TFLite's
// CalculateActivationRange (float: the real bounds; integers: RELU from 0, RELU6 to 6, RELU_N1_TO_1 to [-1, 1]).
template <class T>
struct clamped_binary_data : binary_data {
    T act_min = std::numeric_limits<T>::lowest(), act_max = std::numeric_limits<T>::max();
};

template <class T, class Fn>
inline status clamped_binary_invoke(node& n) {
    const auto& d = n.get<clamped_binary_data<T>>();
    reference::binary_map_clamped(d.bc, d.act_min, d.act_max, n.in(0).data_as<T>(), n.in(1).data_as<T>(),
                                  n.out(0).data_as<T>(), Fn{});
    return status::ok();
}

template <class T>
inline status prepare_clamped_binary(node& n, int8_t act) {
    auto& d = n.emplace<clamped_binary_data<T>>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    FLATNN_TRY(check_activation(n, act));
    float lo = 0, hi = 0;
    float_activation_range(act, lo, hi);
    if (std::is_floating_point<T>::value) {
        d.act_min = T(lo);
        d.act_max = T(hi);
    } else if (act != 0) {
        d.act_min = T(lo);
        if (hi != std::numeric_limits<float>::infinity()) d.act_max = T(hi);
    }
    return status::ok();
}

// The integer kernels of FLOOR_DIV, FLOOR_MOD, DIV and POW report a zero divisor (a negative exponent) as TFLite
// does, instead of dividing by it.
template <class T, class U, class Fn, bool (*Bad)(T), const char* (*What)()>
inline status binary_invoke_checked(node& n) {
    const T* b = n.in(1).data_as<T>();
    for (int64_t i = 0, count = n.in(1).num_elements(); i < count; ++i)
        if (Bad(b[i])) return n.fail(std::string(What()) + " (input 1 element " + std::to_string(i) + ")");
    return binary_invoke<T, U, Fn>(n);
}

template <class T>
inline bool is_zero(T v) { return v == T(0); }
template <class T>
inline bool is_negative(T v) { return v < T(0); }
inline const char* division_by_zero() { return "division by zero"; }
inline const char* negative_power() { return "integer to a negative integer power"; }

}  // namespace flatnn::ops
