#pragma once
// L2_NORMALIZATION: the input normalized to unit L2 norm along its last axis; float32, and int8/uint8 with the
// output quantization TFLite requires (scale 1/128, zero point 0 / 128).
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/l2_normalization.hpp"

namespace flatnn::ops {

inline status l2_normalization_invoke(node& n) {
    const tensor& in = n.in(0);
    const int32_t depth = in.dims[in.dims.rank() - 1];
    reference::l2_normalization(in.data_as<float>(), depth ? in.num_elements() / depth : 0, depth, n.out(0).data_as<float>());
    return status::ok();
}

template <class T>
inline status l2_normalization_invoke_quantized(node& n) {
    const tensor& in = n.in(0);
    const int32_t depth = in.dims[in.dims.rank() - 1];
    reference::l2_normalization_quantized(in.data_as<T>(), depth ? in.num_elements() / depth : 0, depth, in.zero_point(),
                                          n.out(0).data_as<T>());
    return status::ok();
}

inline status prepare_l2_normalization(node& n) {
    namespace f = schema::l2_norm_options_field;
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::l2_norm_options));
    const tensor& in = n.in(0);
    if (in.dims.rank() < 1) return n.fail("input is a scalar; it needs rank >= 1");
    FLATNN_TRY(output_type_matches_input(n));
    if (option<int8_t>(n, f::fused_activation_function, 0) != 0) return n.fail("fused activations are not supported");
    n.out(0).dims = in.dims;
    if (in.type == dtype::float32) {
        n.invoke = l2_normalization_invoke;
        return status::ok();
    }
    if (in.type != dtype::int8 && in.type != dtype::uint8)
        return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    FLATNN_TRY(expect_quantized(n, in, "input"));
    FLATNN_TRY(expect_quantized(n, n.out(0), "output"));
    const int32_t want_zp = in.type == dtype::uint8 ? 128 : 0;
    if (n.out(0).scale() != 1.0f / 128 || n.out(0).zero_point() != want_zp)
        return n.fail("output quantization must be scale 1/128, zero point " + std::to_string(want_zp) + " (it has " +
                      std::to_string(n.out(0).scale()) + ", " + std::to_string(n.out(0).zero_point()) + ")");
    n.invoke = in.type == dtype::int8 ? l2_normalization_invoke_quantized<int8_t> : l2_normalization_invoke_quantized<uint8_t>;
    return status::ok();
}

}  // namespace flatnn::ops
