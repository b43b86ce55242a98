#pragma once
// PAD: input 1 holds constant (before, after) pairs per axis ([rank, 2], int32 or int64). The pad value is
// zero: 0 for float and plain integer data, the output zero point for quantized int8/uint8/int16. Bytes are
// copied unchanged, as TFLite does (it assumes input and output share quantization).
#include <cstring>
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/pad.hpp"

namespace flatnn::ops {

struct pad_data : node_data {
    reference::pad_params p;
};

inline status pad_invoke(node& n) {
    reference::pad(n.get<pad_data>().p, n.in(0).dims, n.in(0).data, n.out(0).dims, n.out(0).data);
    return status::ok();
}

// Checks the paddings input (input 1) of PAD / PADV2 and sets the output shape and the leading padding.
inline status prepare_pad_layout(node& n, reference::pad_params& p) {
    const tensor& in = n.in(0);
    const tensor& pads_t = n.in(1);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    const int rank = in.dims.rank();
    if (pads_t.dims.rank() != 2 || pads_t.dims[0] != rank || pads_t.dims[1] != 2)
        return n.fail("paddings (input 1) has shape " + pads_t.dims.str() + ", expected [" + std::to_string(rank) +
                      ",2] for input shape " + in.dims.str());
    std::vector<int64_t> pads;
    FLATNN_TRY(read_const_ints(n, pads_t, "paddings (input 1)", pads));
    p.element_size = dtype_size(in.type);
    if (p.element_size == 0 || p.element_size > sizeof(p.value))
        return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    out.dims = in.dims;
    for (int k = 0; k < rank; ++k) {
        const int64_t before = pads[size_t(2 * k)], after = pads[size_t(2 * k + 1)];
        // Range first: int64 paddings near the limits would overflow the sum.
        const bool in_range = before >= 0 && after >= 0 && before <= INT32_MAX && after <= INT32_MAX;
        const int64_t size = in_range ? int64_t(in.dims[k]) + before + after : int64_t(INT32_MAX) + 1;
        if (size > INT32_MAX)
            return n.fail("paddings for axis " + std::to_string(k) + " are (" + std::to_string(before) + ", " +
                          std::to_string(after) + "); they must be non-negative and keep the size within int32");
        p.before[k] = int32_t(before);
        out.dims[k] = int32_t(size);
    }
    return status::ok();
}

// The pad value of PAD: zero, or the output zero point for quantized int8/uint8/int16.
inline status set_zero_pad_value(node& n, reference::pad_params& p) {
    const tensor& in = n.in(0);
    const tensor& out = n.out(0);
    if ((in.type == dtype::int8 || in.type == dtype::uint8 || in.type == dtype::int16) && out.quantized()) {
        FLATNN_TRY(expect_quantized(n, out, "output"));
        const int32_t zp = out.zero_point();
        if (in.type == dtype::int8) p.value[0] = uint8_t(int8_t(zp));
        else if (in.type == dtype::uint8) p.value[0] = uint8_t(zp);
        else {
            const int16_t v = int16_t(zp);
            std::memcpy(p.value, &v, sizeof(v));
        }
    }
    return status::ok();
}

inline status prepare_pad(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::pad_options));
    auto& d = n.emplace<pad_data>();
    FLATNN_TRY(prepare_pad_layout(n, d.p));
    FLATNN_TRY(set_zero_pad_value(n, d.p));
    n.invoke = pad_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
