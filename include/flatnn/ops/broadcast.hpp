#pragma once
// Prepare-time checks shared by the broadcasting binary ops (ADD, MUL, SUB, the comparisons, ...): two inputs of one type, the output
// shape from broadcasting (tflite-format.md §7.8).
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/broadcast.hpp"

namespace flatnn::ops {

// bool_output: the comparisons, whose output is bool whatever the input type.
inline status prepare_broadcast_binary(node& n, reference::broadcast_params& p, bool bool_output = false) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    const tensor& a = n.in(0);
    const tensor& b = n.in(1);
    if (a.type != b.type)
        return n.fail(std::string("input 1 has type ") + dtype_name(b.type) + ", input 0 has " + dtype_name(a.type) +
                      " (both must match)");
    if (bool_output) FLATNN_TRY(expect_type(n, n.out(0), dtype::boolean, "output"));
    else FLATNN_TRY(output_type_matches_input(n));
    shape out;
    if (!reference::make_broadcast(a.dims, b.dims, out, p))
        return n.fail("input shapes " + a.dims.str() + " and " + b.dims.str() +
                      " do not broadcast (each aligned dimension pair must be equal or contain a 1)");
    n.out(0).dims = out;
    return status::ok();
}

}  // namespace flatnn::ops
