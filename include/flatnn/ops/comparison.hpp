#pragma once
// Prepare shared by the comparison ops (EQUAL ... GREATER_EQUAL): bool output of the broadcast shape; float32,
// int32, int64, int8/uint8 (by real value, see reference/comparison.hpp) and, for EQUAL/NOT_EQUAL, bool.
#include <string>

#include "flatnn/ops/elementwise_binary.hpp"
#include "flatnn/reference/comparison.hpp"

namespace flatnn::ops {

struct comparison_data : binary_data {
    reference::comparison_quant_params q;
};

template <class T, class Cmp>
inline status comparison_invoke_quantized(node& n) {
    const auto& d = n.get<comparison_data>();
    reference::compare_quantized<T, Cmp>(d.bc, d.q, n.in(0).data_as<T>(), n.in(1).data_as<T>(), n.out(0).data_as<bool>());
    return status::ok();
}

inline status comparison_scale(const node& n, const tensor& t, const char* role, int32_t& multiplier, int& shift) {
    FLATNN_TRY(expect_quantized(n, t, role));
    if (!(t.scale() < 1.0f))
        return n.fail(std::string(role) + " scale " + std::to_string(t.scale()) + " must be below 1 for a quantized comparison");
    fixed_point::quantize_multiplier(double(t.scale()), multiplier, shift);
    return status::ok();
}

template <class Cmp>
inline status prepare_comparison(node& n, bool bool_inputs) {
    auto& d = n.emplace<comparison_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc, true));
    switch (n.in(0).type) {
        case dtype::float32: n.invoke = binary_invoke<float, bool, Cmp>; return status::ok();
        case dtype::int32: n.invoke = binary_invoke<int32_t, bool, Cmp>; return status::ok();
        case dtype::int64: n.invoke = binary_invoke<int64_t, bool, Cmp>; return status::ok();
        case dtype::boolean:
            if (!bool_inputs) break;
            n.invoke = binary_invoke<bool, bool, Cmp>;
            return status::ok();
        case dtype::int8:
        case dtype::uint8:
            FLATNN_TRY(comparison_scale(n, n.in(0), "input 0", d.q.input1_multiplier, d.q.input1_shift));
            FLATNN_TRY(comparison_scale(n, n.in(1), "input 1", d.q.input2_multiplier, d.q.input2_shift));
            d.q.input1_offset = -n.in(0).zero_point();
            d.q.input2_offset = -n.in(1).zero_point();
            n.invoke = n.in(0).type == dtype::int8 ? comparison_invoke_quantized<int8_t, Cmp>
                                                   : comparison_invoke_quantized<uint8_t, Cmp>;
            return status::ok();
        default: break;
    }
    return binary_no_kernel(n);
}

}  // namespace flatnn::ops
