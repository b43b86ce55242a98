#pragma once
// LOG_SOFTMAX over the last axis: float32 (TFLite's int8/uint8 forms are not implemented).
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/log_softmax.hpp"

namespace flatnn::ops {

struct log_softmax_data : node_data {
    int64_t rows = 0;
    int32_t depth = 0;
};

inline status log_softmax_invoke_float(node& n) {
    const auto& d = n.get<log_softmax_data>();
    reference::log_softmax_float(d.rows, d.depth, n.in(0).data_as<float>(), n.out(0).data_as<float>());
    return status::ok();
}

inline status prepare_log_softmax(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(output_type_matches_input(n));
    const tensor& in = n.in(0);
    if (in.dims.rank() < 1) return n.fail("input must have rank >= 1, it is a scalar");
    if (in.type != dtype::float32) return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    auto& d = n.emplace<log_softmax_data>();
    d.depth = in.dims[in.dims.rank() - 1];
    d.rows = in.dims.flat_size(0, in.dims.rank() - 1);
    n.out(0).dims = in.dims;
    n.invoke = log_softmax_invoke_float;
    return status::ok();
}

}  // namespace flatnn::ops
