#pragma once
// Prepare-time helpers shared by the element-wise unary ops (ABS ... TANH): one input, one output of the same type
// and shape; float kernels map a functor of reference/<stem>.hpp over the buffer, int8/uint8 kernels look each
// byte up in a 256-entry table filled in prepare (reference/elementwise_unary.hpp says why that is exact).
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/elementwise_unary.hpp"

namespace flatnn::ops {

struct unary_table_data : node_data {
    uint8_t table[256] = {};
};

template <class T, class Fn>
inline status unary_invoke(node& n) {
    reference::unary_map(n.in(0).num_elements(), n.in(0).data_as<T>(), n.out(0).data_as<T>(), Fn{});
    return status::ok();
}

inline status unary_invoke_table(node& n) {
    reference::lookup_table_u8(n.get<unary_table_data>().table, n.in(0).num_elements(), n.in(0).data, n.out(0).data);
    return status::ok();
}

// int8 SQRT and RSQRT: TFLite fails on a negative input (below the zero point); so does this, then looks up.
inline status unary_invoke_table_nonnegative(node& n) {
    const int8_t zp = int8_t(n.in(0).zero_point());
    const int8_t* x = n.in(0).data_as<int8_t>();
    for (int64_t i = 0, count = n.in(0).num_elements(); i < count; ++i)
        if (x[i] < zp) return n.fail("input element " + std::to_string(i) + " is negative: the op is undefined there");
    return unary_invoke_table(n);
}

// The checks every unary op shares; the output takes the input's shape.
inline status prepare_unary(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(output_type_matches_input(n));
    n.out(0).dims = n.in(0).dims;
    return status::ok();
}

inline status unary_no_kernel(const node& n) {
    return n.fail(std::string("input type ") + dtype_name(n.in(0).type) + " has no kernel");
}

// int8/uint8 through a table: fill(T{}, in, out, table) writes it for element type T.
template <class Fill>
inline status prepare_unary_table(node& n, Fill&& fill) {
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    FLATNN_TRY(expect_quantized(n, in, "input"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    auto& d = n.emplace<unary_table_data>();
    if (in.type == dtype::int8) fill(int8_t{}, in, out, d.table);
    else if (in.type == dtype::uint8) fill(uint8_t{}, in, out, d.table);
    else return unary_no_kernel(n);
    n.invoke = unary_invoke_table;
    return status::ok();
}

// The table of a float function (TFLite's LUTPopulate).
template <class F>
inline status prepare_unary_lut(node& n, F f) {
    return prepare_unary_table(n, [&](auto tag, const tensor& in, const tensor& out, uint8_t* table) {
        reference::lut_populate<decltype(tag)>(in.scale(), in.zero_point(), out.scale(), out.zero_point(), table, f);
    });
}

// The common shape of a unary op: Fn on float32; the table of Fn for the 8-bit types TFLite accepts.
template <class Fn>
inline status prepare_float_or_lut(node& n, bool int8_ok, bool uint8_ok) {
    FLATNN_TRY(prepare_unary(n));
    const dtype t = n.in(0).type;
    if (t == dtype::float32) {
        n.invoke = unary_invoke<float, Fn>;
        return status::ok();
    }
    if ((t == dtype::int8 && int8_ok) || (t == dtype::uint8 && uint8_ok)) return prepare_unary_lut(n, Fn{});
    return unary_no_kernel(n);
}

}  // namespace flatnn::ops
