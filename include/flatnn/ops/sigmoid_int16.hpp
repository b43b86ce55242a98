#pragma once
// int16 LOGISTIC and TANH (16x8 models): checks and parameters shared by both ops; kernels in
// reference/sigmoid_int16.hpp.
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/sigmoid_int16.hpp"

namespace flatnn::ops {

struct sigmoid_int16_data : node_data {
    reference::sigmoid_int16_params p;
};

template <bool Tanh>
inline status sigmoid_int16_invoke(node& n) {
    const auto& d = n.get<sigmoid_int16_data>();
    if constexpr (Tanh)
        reference::tanh_int16(d.p, n.in(0).num_elements(), n.in(0).data_as<int16_t>(), n.out(0).data_as<int16_t>());
    else
        reference::logistic_int16(d.p, n.in(0).num_elements(), n.in(0).data_as<int16_t>(), n.out(0).data_as<int16_t>());
    return status::ok();
}

// Called with the output shape set and the output type checked to be the input's (int16).
template <bool Tanh>
inline status prepare_sigmoid_int16(node& n) {
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    FLATNN_TRY(expect_quantized(n, in, "input"));
    FLATNN_TRY(expect_quantized(n, out, "output"));
    if (in.zero_point() != 0 || out.zero_point() != 0)
        return n.fail("int16 input and output need zero point 0 (they have " + std::to_string(in.zero_point()) + ", " +
                      std::to_string(out.zero_point()) + ")");
    // The kernel writes Q0.15 results: TFLite requires an output scale of 2^-15 (LOGISTIC exactly, TANH within
    // its log2 tolerance).
    int log2_out = 0;
    const bool out_ok = Tanh ? reference::checked_log2(out.scale(), log2_out) && log2_out == -15
                             : out.scale() == 1.0f / 32768;
    if (!out_ok) return n.fail("int16 output scale must be 2^-15, the model gives " + std::to_string(out.scale()));
    auto& d = n.emplace<sigmoid_int16_data>();
    const std::string problem = reference::sigmoid_int16_prepare(in.scale(), Tanh, d.p);
    if (!problem.empty()) return n.fail(problem);
    n.invoke = sigmoid_int16_invoke<Tanh>;
    return status::ok();
}

}  // namespace flatnn::ops
