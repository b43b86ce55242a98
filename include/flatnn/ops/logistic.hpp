#pragma once
// LOGISTIC (sigmoid): float32, int8 and uint8 (tables), int16 (sigmoid_int16.hpp).
#include "flatnn/ops/op_util.hpp"
#include "flatnn/ops/sigmoid_int16.hpp"
#include "flatnn/reference/logistic.hpp"

namespace flatnn::ops {

struct logistic_data : node_data {
    uint8_t table[256] = {};
};

inline status logistic_invoke_float(node& n) {
    reference::logistic_float(n.in(0).num_elements(), n.in(0).data_as<float>(), n.out(0).data_as<float>());
    return status::ok();
}

inline status logistic_invoke_table(node& n) {
    reference::lookup_table_u8(n.get<logistic_data>().table, n.in(0).num_elements(), n.in(0).data,
                               n.out(0).data);
    return status::ok();
}

inline status prepare_logistic(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    out.dims = in.dims;
    auto& d = n.emplace<logistic_data>();
    switch (in.type) {
        case dtype::float32:
            n.invoke = logistic_invoke_float;
            return status::ok();
        case dtype::int8:
        case dtype::uint8:
            // TFLite additionally insists on an output scale of 1/256; any output quantization works here.
            FLATNN_TRY(expect_quantized(n, in, "input"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            if (in.type == dtype::int8)
                reference::logistic_fill_table<int8_t>(in.scale(), in.zero_point(), out.scale(), out.zero_point(), d.table);
            else
                reference::logistic_fill_table<uint8_t>(in.scale(), in.zero_point(), out.scale(), out.zero_point(), d.table);
            n.invoke = logistic_invoke_table;
            return status::ok();
        case dtype::int16:
            return prepare_sigmoid_int16<false>(n);
        default:
            return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
