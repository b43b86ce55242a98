#pragma once
// SUB: broadcasting difference with fused activation; float32, int32, int64, and int8/uint8/int16 (ADD's
// parameters; unlike ADD, an output gain above 1 is allowed, as in TFLite's SUB prepare).
#include <string>
#include <type_traits>

#include "flatnn/ops/add.hpp"
#include "flatnn/ops/elementwise_binary.hpp"
#include "flatnn/reference/sub.hpp"

namespace flatnn::ops {

template <class T>
inline status sub_invoke_quantized(node& n) {
    const auto& d = n.get<add_data>();
    reference::sub_quantized<T>(d.bc, d.q, n.in(0).data_as<T>(), n.in(1).data_as<T>(), n.out(0).data_as<T>());
    return status::ok();
}

template <class T>
inline status prepare_sub_plain(node& n, int8_t act) {
    FLATNN_TRY(prepare_clamped_binary<T>(n, act));
    n.invoke = clamped_binary_invoke<T, reference::sub_fn>;
    return status::ok();
}

template <class T>
inline status prepare_sub_quantized(node& n, int8_t act) {
    auto& d = n.emplace<add_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    FLATNN_TRY(check_activation(n, act));
    if constexpr (std::is_same_v<T, int16_t>)
        FLATNN_TRY(check_int16_add_form(n, option<bool>(n, schema::sub_options_field::pot_scale_int16, true)));
    FLATNN_TRY(setup_add_quant<T>(n, act, d.q, true));
    n.invoke = sub_invoke_quantized<T>;
    return status::ok();
}

inline status prepare_sub(node& n) {
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::sub_options));
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    const int8_t act = option<int8_t>(n, schema::sub_options_field::fused_activation_function, 0);
    switch (n.in(0).type) {
        case dtype::float32: return prepare_sub_plain<float>(n, act);
        case dtype::int32: return prepare_sub_plain<int32_t>(n, act);
        case dtype::int64: return prepare_sub_plain<int64_t>(n, act);
        case dtype::int8: return prepare_sub_quantized<int8_t>(n, act);
        case dtype::uint8: return prepare_sub_quantized<uint8_t>(n, act);
        case dtype::int16: return prepare_sub_quantized<int16_t>(n, act);
        default: return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
