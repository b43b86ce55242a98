#pragma once
// L2_NORMALIZATION: float32 input normalized to unit L2 norm along its last axis. (The quantized kernels,
// with their fixed-point inverse square root, are not implemented.)
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/l2_normalization.hpp"

namespace flatnn::ops {

inline status l2_normalization_invoke(node& n) {
    const tensor& in = n.in(0);
    const int32_t depth = in.dims[in.dims.rank() - 1];
    reference::l2_normalization(in.data_as<float>(), depth ? in.num_elements() / depth : 0, depth, n.out(0).data_as<float>());
    return status::ok();
}

inline status prepare_l2_normalization(node& n) {
    namespace f = schema::l2_norm_options_field;
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::l2_norm_options));
    const tensor& in = n.in(0);
    if (in.dims.rank() < 1) return n.fail("input is a scalar; it needs rank >= 1");
    FLATNN_TRY(output_type_matches_input(n));
    if (in.type != dtype::float32)
        return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel (float32 only)");
    if (option<int8_t>(n, f::fused_activation_function, 0) != 0) return n.fail("fused activations are not supported");
    n.out(0).dims = in.dims;
    n.invoke = l2_normalization_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
