#pragma once
// BATCH_MATMUL: [..., M, K] x [..., K, N] -> [..., M, N] (adj_x / adj_y transpose an operand's last two axes);
// batch dimensions (up to 3) broadcast. float32, int8 with per-tensor quantization (output multiplier
// s_lhs·s_rhs/s_out: the product in float, the quotient in double, as TensorFlow Lite), and int16
// (ops/batch_matmul_int16.hpp).
#include "flatnn/ops/batch_matmul_hybrid.hpp"
#include "flatnn/ops/batch_matmul_int16.hpp"
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/batch_matmul.hpp"

namespace flatnn::ops {

struct batch_matmul_data : node_data {
    reference::batch_matmul_params p;
};

inline status batch_matmul_invoke_float(node& n) {
    reference::batch_matmul_float(n.get<batch_matmul_data>().p, n.in(0).data_as<float>(), n.in(1).data_as<float>(),
                                  n.out(0).data_as<float>());
    return status::ok();
}

inline status batch_matmul_invoke_int8(node& n) {
    reference::batch_matmul_int8(n.get<batch_matmul_data>().p, n.in(0).data_as<int8_t>(), n.in(1).data_as<int8_t>(),
                                 n.out(0).data_as<int8_t>());
    return status::ok();
}

inline status prepare_batch_matmul(node& n) {
    namespace f = schema::batch_mat_mul_options_field;
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::batch_mat_mul_options));
    const tensor& lhs = n.in(0);
    const tensor& rhs = n.in(1);
    tensor& out = n.out(0);
    const int lr = lhs.dims.rank(), rr = rhs.dims.rank();
    if (lr < 2 || rr < 2 || lr > 5 || rr > 5)
        return n.fail("operands " + lhs.dims.str() + " and " + rhs.dims.str() + " must have rank 2 to 5");
    const bool hybrid = lhs.type == dtype::float32 && rhs.type == dtype::int8;
    if (rhs.type != lhs.type && !hybrid) return n.fail(std::string("rhs type ") + dtype_name(rhs.type) + " differs from lhs " + dtype_name(lhs.type));
    FLATNN_TRY(output_type_matches_input(n));
    auto& p = n.emplace<batch_matmul_data>().p;
    p.adj_x = option<bool>(n, f::adj_x, false);
    p.adj_y = option<bool>(n, f::adj_y, false);
    p.M = p.adj_x ? lhs.dims[lr - 1] : lhs.dims[lr - 2];
    p.K = p.adj_x ? lhs.dims[lr - 2] : lhs.dims[lr - 1];
    const int32_t rk = p.adj_y ? rhs.dims[rr - 1] : rhs.dims[rr - 2];
    p.N = p.adj_y ? rhs.dims[rr - 2] : rhs.dims[rr - 1];
    if (rk != p.K)
        return n.fail("contraction sizes differ: lhs " + lhs.dims.str() + (p.adj_x ? " (adj_x)" : "") + ", rhs " +
                      rhs.dims.str() + (p.adj_y ? " (adj_y)" : ""));
    // Batch axes aligned at the right, padded to 3.
    const int ob = std::max(lr, rr) - 2;
    out.dims = shape{};
    int64_t ls = 1, rs = 1;
    int32_t lb[3], rb[3];
    for (int i = 2; i >= 0; --i) {
        const int li = lr - 2 - (3 - i), ri = rr - 2 - (3 - i);
        lb[i] = li >= 0 ? lhs.dims[li] : 1;
        rb[i] = ri >= 0 ? rhs.dims[ri] : 1;
        if (lb[i] != rb[i] && lb[i] != 1 && rb[i] != 1)
            return n.fail("batch dimensions of " + lhs.dims.str() + " and " + rhs.dims.str() + " do not broadcast");
        p.batch_dims[i] = lb[i] == 1 ? rb[i] : lb[i];  // 1 broadcasts to 0 as to any size
        p.lhs_batch_stride[i] = lb[i] == 1 ? 0 : ls;
        p.rhs_batch_stride[i] = rb[i] == 1 ? 0 : rs;
        ls *= lb[i];
        rs *= rb[i];
    }
    for (int i = 3 - ob; i < 3; ++i) out.dims.push_back(p.batch_dims[i]);
    out.dims.push_back(p.M);
    out.dims.push_back(p.N);
    switch (lhs.type) {
        case dtype::float32:
            if (hybrid) return prepare_batch_matmul_hybrid(n, p, option<bool>(n, f::asymmetric_quantize_inputs, false));
            n.invoke = batch_matmul_invoke_float;
            return status::ok();
        case dtype::int8: {
            FLATNN_TRY(expect_quantized(n, lhs, "lhs"));
            FLATNN_TRY(expect_quantized(n, rhs, "rhs"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            p.lhs_offset = -lhs.zero_point();
            p.rhs_offset = -rhs.zero_point();
            p.out_zero_point = out.zero_point();
            // As TFLite (GetQuantizedConvolutionMultipler without a bias): the scale product in float, then
            // double; a double product can round the multiplier differently and move an output by 1.
            const double m = double(lhs.scale() * rhs.scale()) / double(out.scale());
            fixed_point::quantize_multiplier(m, p.multiplier, p.shift);
            n.invoke = batch_matmul_invoke_int8;
            return status::ok();
        }
        case dtype::int16:
            return prepare_batch_matmul_int16(n, p);
        default:
            return n.fail(std::string("input type ") + dtype_name(lhs.type) + " has no kernel (float32, int8, int16)");
    }
}

}  // namespace flatnn::ops
