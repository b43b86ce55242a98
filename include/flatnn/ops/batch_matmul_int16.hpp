#pragma once
// int16 BATCH_MATMUL (16x8 models): int16 lhs and rhs (the converter makes a constant rhs int16 too), per-tensor
// quantization with every zero point 0 (TFLite's rule); kernel in reference/batch_matmul_int16.hpp.
// prepare_batch_matmul has checked the shapes and filled the batch layout. (TFLite also runs an int16 lhs with
// an int8 rhs, which the converter does not emit; refused here, for want of fixtures.)
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/batch_matmul_int16.hpp"

namespace flatnn::ops {

struct batch_matmul_int16_data : node_data {
    reference::batch_matmul_params p;
};

inline status batch_matmul_invoke_int16(node& n) {
    reference::batch_matmul_int16(n.get<batch_matmul_int16_data>().p, n.in(0).data_as<int16_t>(),
                                  n.in(1).data_as<int16_t>(), n.out(0).data_as<int16_t>());
    return status::ok();
}

inline status prepare_batch_matmul_int16(node& n, const reference::batch_matmul_params& layout) {
    const tensor& lhs = n.in(0);
    const tensor& rhs = n.in(1);
    const tensor& out = n.out(0);
    FLATNN_TRY(expect_quantized(n, lhs, "lhs"));
    FLATNN_TRY(expect_quantized(n, rhs, "rhs"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    if (lhs.zero_point() != 0 || rhs.zero_point() != 0 || out.zero_point() != 0)
        return n.fail("int16 lhs, rhs and output need zero point 0 (they have " + std::to_string(lhs.zero_point()) +
                      ", " + std::to_string(rhs.zero_point()) + ", " + std::to_string(out.zero_point()) + ")");
    reference::batch_matmul_params p = layout;
    // As TFLite (GetQuantizedConvolutionMultipler without a bias): the scale product in float, then double.
    const double m = double(lhs.scale() * rhs.scale()) / double(out.scale());
    fixed_point::quantize_multiplier(m, p.multiplier, p.shift);
    n.emplace<batch_matmul_int16_data>().p = p;
    n.invoke = batch_matmul_invoke_int16;
    return status::ok();
}

}  // namespace flatnn::ops
