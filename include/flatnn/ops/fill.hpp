#pragma once
// FILL: an output of the constant shape in input 0 (int32 or int64 vector) holding the scalar of input 1 in
// every element; the value is read at invoke, so it may be computed. A byte copy for any element type.
#include <cstring>

#include "flatnn/ops/copy_common.hpp"

namespace flatnn::ops {

inline status fill_invoke(node& n) {
    const size_t es = dtype_size(n.out(0).type);
    uint8_t* out = n.out(0).data;
    const int64_t count = n.out(0).num_elements();
    for (int64_t i = 0; i < count; ++i) std::memcpy(out + size_t(i) * es, n.in(1).data, es);
    return status::ok();
}

inline status prepare_fill(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::fill_options));
    const tensor& value = n.in(1);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n, 1, 0));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, value, "value (input 1)", es));
    if (value.num_elements() != 1) return n.fail("value (input 1) has shape " + value.dims.str() + ", expected a scalar");
    FLATNN_TRY(expect_same_quantization(n, value, "value (input 1)", out, "output"));
    std::vector<int64_t> dims;
    FLATNN_TRY(read_const_ints(n, n.in(0), "dims (input 0)", dims));
    if (dims.size() > size_t(shape::max_rank)) return n.fail("dims (input 0) has more than 8 entries");
    out.dims = shape{};
    for (size_t k = 0; k < dims.size(); ++k) {
        if (dims[k] < 0 || dims[k] > INT32_MAX) return n.fail("dims[" + std::to_string(k) + "] = " + std::to_string(dims[k]) + " is invalid");
        out.dims.push_back(int32_t(dims[k]));
    }
    n.invoke = fill_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
