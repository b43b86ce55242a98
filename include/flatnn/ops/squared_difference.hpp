#pragma once
// SQUARED_DIFFERENCE: broadcasting (a - b)^2; float32, int32, and int8 (parameters as TFLite's prepare).
#include <algorithm>

#include "flatnn/ops/elementwise_binary.hpp"
#include "flatnn/reference/squared_difference.hpp"

namespace flatnn::ops {

struct squared_difference_data : binary_data {
    reference::squared_difference_quant_params q;
};

inline status squared_difference_invoke_int8(node& n) {
    const auto& d = n.get<squared_difference_data>();
    reference::squared_difference_int8(d.bc, d.q, n.in(0).data_as<int8_t>(), n.in(1).data_as<int8_t>(),
                                       n.out(0).data_as<int8_t>());
    return status::ok();
}

inline status prepare_squared_difference(node& n) {
    auto& d = n.emplace<squared_difference_data>();
    FLATNN_TRY(prepare_broadcast_binary(n, d.bc));
    const tensor& a = n.in(0);
    const tensor& b = n.in(1);
    const tensor& out = n.out(0);
    switch (a.type) {
        case dtype::float32: n.invoke = binary_invoke<float, float, reference::squared_difference_fn>; return status::ok();
        case dtype::int32: n.invoke = binary_invoke<int32_t, int32_t, reference::squared_difference_fn>; return status::ok();
        case dtype::int8: {
            FLATNN_TRY(expect_quantized(n, a, "input 0"));
            FLATNN_TRY(expect_quantized(n, b, "input 1"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            auto& q = d.q;
            q.input1_offset = -a.zero_point();
            q.input2_offset = -b.zero_point();
            q.output_offset = out.zero_point();
            const double twice_max = double(2.0f * std::max(a.scale(), b.scale()));
            const double mo = twice_max * twice_max / double(float(1 << 14) * out.scale());
            if (!(mo < 1.0))
                return n.fail("output rescale factor (2*max(input scales))^2/(2^14*output scale) = " + std::to_string(mo) +
                              " must be below 1");
            fixed_point::quantize_multiplier(double(a.scale()) / twice_max, q.input1_multiplier, q.input1_shift);
            fixed_point::quantize_multiplier(double(b.scale()) / twice_max, q.input2_multiplier, q.input2_shift);
            fixed_point::quantize_multiplier(mo, q.output_multiplier, q.output_shift);
            n.invoke = squared_difference_invoke_int8;
            return status::ok();
        }
        default: return binary_no_kernel(n);
    }
}

}  // namespace flatnn::ops
