#pragma once
// int16 forms (16x8 models) of element-wise unary ops. Two kinds of kernel, as in TensorFlow Lite: integer
// arithmetic per element (RELU family, LEAKY_RELU, ABS: a functor over the int16 value, holding its parameters), and
// TFLite's interpolated 513-entry int16 table of a float function (EXP, LOG, RSQRT, GELU: LUTPopulate<int16_t>,
// filled in float in prepare, reference/lut_int16.hpp). An int16 input has 65536 values, too many to tabulate per
// node as the 8-bit forms do.
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/elementwise_unary.hpp"
#include "flatnn/reference/lut_int16.hpp"

namespace flatnn::ops {

// Input and output quantized per tensor; with symmetric, both zero points 0 (what TFLite requires of most int16
// kernels).
inline status expect_unary_int16(const node& n, bool symmetric) {
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    FLATNN_TRY(expect_quantized(n, in, "input"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    if (symmetric && (in.zero_point() != 0 || out.zero_point() != 0))
        return n.fail("int16 input and output need zero point 0 (they have " + std::to_string(in.zero_point()) + ", " +
                      std::to_string(out.zero_point()) + ")");
    return status::ok();
}

template <class F>
struct unary_int16_fn_data : node_data {
    F f;
};

template <class F>
inline status unary_int16_invoke_fn(node& n) {
    const F& f = n.get<unary_int16_fn_data<F>>().f;
    reference::unary_map(n.in(0).num_elements(), n.in(0).data_as<int16_t>(), n.out(0).data_as<int16_t>(),
                         [&f](int16_t v) { return int16_t(f(int32_t(v))); });
    return status::ok();
}

// f(int32 input value) -> the output value, already clamped to int16.
template <class F>
inline status prepare_unary_int16_fn(node& n, const F& f) {
    n.emplace<unary_int16_fn_data<F>>().f = f;
    n.invoke = unary_int16_invoke_fn<F>;
    return status::ok();
}

struct unary_int16_lut_data : node_data {
    int16_t lut[reference::lut_int16_size] = {};
};

inline status unary_int16_invoke_lut(node& n) {
    reference::lut_int16_map(n.get<unary_int16_lut_data>().lut, n.in(0).num_elements(), n.in(0).data_as<int16_t>(),
                             n.out(0).data_as<int16_t>());
    return status::ok();
}

// The table of the float function fn over the input's quantized range, in float (TFLite's LUTPopulate<int16_t>).
template <class Fn>
inline status prepare_unary_int16_lut(node& n, Fn fn) {
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    auto& d = n.emplace<unary_int16_lut_data>();
    reference::lut_int16_fill_in<float>(in.scale(), in.zero_point(), out.scale(), out.zero_point(), fn, d.lut);
    n.invoke = unary_int16_invoke_lut;
    return status::ok();
}

}  // namespace flatnn::ops
