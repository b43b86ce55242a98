#pragma once
// PADV2: PAD whose pad value is the scalar of input 2 (same type as the input; read at invoke, so it may be
// computed). Without input 2 it pads like PAD. Quantized values are raw bytes, so input 2 must share the output's
// quantization, as TensorFlow Lite requires.
#include <cstring>

#include "flatnn/ops/copy_common.hpp"
#include "flatnn/ops/pad.hpp"

namespace flatnn::ops {

inline status padv2_invoke(node& n) {
    auto& p = n.get<pad_data>().p;
    std::memcpy(p.value, n.in(2).data, p.element_size);
    reference::pad(p, n.in(0).dims, n.in(0).data, n.out(0).dims, n.out(0).data);
    return status::ok();
}

inline status prepare_padv2(node& n) {
    FLATNN_TRY(expect_io(n, 2, 3, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::pad_v2_options));
    auto& d = n.emplace<pad_data>();
    FLATNN_TRY(prepare_pad_layout(n, d.p));
    if (!n.has_input(2)) {
        FLATNN_TRY(set_zero_pad_value(n, d.p));
        n.invoke = pad_invoke;
        return status::ok();
    }
    const tensor& value = n.in(2);
    if (value.type != n.in(0).type)
        return n.fail(std::string("constant_values (input 2) has type ") + dtype_name(value.type) + ", the input has " +
                      dtype_name(n.in(0).type));
    if (value.num_elements() != 1)
        return n.fail("constant_values (input 2) has shape " + value.dims.str() + ", expected one element");
    FLATNN_TRY(expect_same_quantization(n, value, "constant_values (input 2)", n.out(0), "output"));
    n.invoke = padv2_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
