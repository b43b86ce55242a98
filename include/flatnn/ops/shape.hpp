#pragma once
// SHAPE: the input's dimensions as an int32 or int64 vector (the output tensor's type, which ShapeOptions.out_type
// names). Known in prepare; written at invoke because the output lives in the arena.
#include "flatnn/ops/copy_common.hpp"

namespace flatnn::ops {

template <class T>
inline status shape_invoke(node& n) {
    const shape& s = n.in(0).dims;
    T* out = n.out(0).data_as<T>();
    for (int k = 0; k < s.rank(); ++k) out[k] = T(s[k]);
    return status::ok();
}

inline status prepare_shape(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::shape_options));
    tensor& out = n.out(0);
    out.dims = shape{int32_t(n.in(0).dims.rank())};
    if (out.type == dtype::int32) n.invoke = shape_invoke<int32_t>;
    else if (out.type == dtype::int64) n.invoke = shape_invoke<int64_t>;
    else return n.fail(std::string("output type ") + dtype_name(out.type) + " must be int32 or int64");
    return status::ok();
}

}  // namespace flatnn::ops
