#pragma once
// SUB: broadcasting difference with fused activation; float32, int32, int64, and int8/uint8/int16 (ADD's
// parameters; unlike ADD, an output gain above 1 is allowed, as in TFLite's SUB prepare); int16 also in TFLite's
// power-of-two-scale form where it applies (ops/add_pot_int16.hpp; unlike ADD's, it broadcasts).
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

inline status sub_invoke_pot_int16(node& n) {
    const auto& d = n.get<add_data>();
    reference::sub_pot_int16(d.bc, d.pot, n.in(0).data_as<int16_t>(), n.in(1).data_as<int16_t>(),
                             n.out(0).data_as<int16_t>());
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
    if constexpr (std::is_same_v<T, int16_t>) {
        FLATNN_TRY(check_int16_zero_points(n));
        FLATNN_TRY(expect_quantized(n, n.in(0), "input 0"));
        FLATNN_TRY(expect_quantized(n, n.in(1), "input 1"));
        FLATNN_TRY(expect_quantized(n, n.out(0), "output"));
        if (int16_pot_form(n, pot_scale_int16_option(n, schema::sub_options_field::pot_scale_int16))) {
            FLATNN_TRY(setup_add_pot_int16(n, act, d.pot));
            n.invoke = sub_invoke_pot_int16;
            return status::ok();
        }
    }
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
