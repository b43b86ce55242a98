#pragma once
// ZEROS_LIKE: an output of the input's shape and type filled with zero (all-zero bytes for every fixed-size
// type TensorFlow Lite allows: float32, int32, int64).
#include <cstring>

#include "flatnn/ops/copy_common.hpp"

namespace flatnn::ops {

inline status zeros_like_invoke(node& n) {
    std::memset(n.out(0).data, 0, size_t(n.out(0).num_elements()) * dtype_size(n.out(0).type));
    return status::ok();
}

inline status prepare_zeros_like(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::zeros_like_options));
    FLATNN_TRY(output_type_matches_input(n));
    const dtype t = n.in(0).type;
    if (t != dtype::float32 && t != dtype::int32 && t != dtype::int64)
        return n.fail(std::string("input type ") + dtype_name(t) + " has no kernel (float32, int32, int64)");
    n.out(0).dims = n.in(0).dims;
    n.invoke = zeros_like_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
