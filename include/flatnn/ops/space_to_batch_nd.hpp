#pragma once
// SPACE_TO_BATCH_ND: NHWC (or [N, H, C]) input, constant block_shape (input 1) and paddings (input 2, [spatial, 2]).
// Padding is zero, or the output zero point for quantized int8/uint8, as TensorFlow Lite. The layout checks are
// shared with BATCH_TO_SPACE_ND (prepare_batch_space).
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/space_to_batch_nd.hpp"

namespace flatnn::ops {

struct batch_space_data : node_data {
    reference::batch_space_params p;
};

// Reads block_shape and the paddings / crops, checks them and sets the output shape. to_batch: SPACE_TO_BATCH_ND.
inline status prepare_batch_space(node& n, bool to_batch, reference::batch_space_params& p) {
    FLATNN_TRY(expect_io(n, 3, 3, 1));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    FLATNN_TRY(element_size_of(n, in, "input", p.element_size));
    if (p.element_size > sizeof(p.pad)) return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    const int rank = in.dims.rank();
    if (rank != 3 && rank != 4) return n.fail("input " + in.dims.str() + " must have rank 3 or 4");
    const int spatial = rank - 2;
    std::vector<int64_t> block, pads;
    FLATNN_TRY(read_const_ints(n, n.in(1), "block_shape (input 1)", block));
    FLATNN_TRY(read_const_ints(n, n.in(2), to_batch ? "paddings (input 2)" : "crops (input 2)", pads));
    if (block.size() != size_t(spatial) || pads.size() != size_t(2 * spatial))
        return n.fail("block_shape needs " + std::to_string(spatial) + " entries and paddings/crops " +
                      std::to_string(2 * spatial) + " for input " + in.dims.str());
    int64_t bs[2] = {1, 1}, lead[2] = {0, 0}, trail[2] = {0, 0}, size[2] = {in.dims[1], rank == 4 ? in.dims[2] : 1};
    for (int k = 0; k < spatial; ++k) {
        bs[k] = block[size_t(k)], lead[k] = pads[size_t(2 * k)], trail[k] = pads[size_t(2 * k + 1)];
        if (bs[k] < 1 || bs[k] > 4096 || lead[k] < 0 || trail[k] < 0 || lead[k] > INT32_MAX || trail[k] > INT32_MAX)
            return n.fail("block size " + std::to_string(bs[k]) + " must be in [1, 4096] and paddings/crops non-negative");
    }
    p.block_h = int32_t(bs[0]), p.block_w = int32_t(bs[1]);
    p.pad_top = int32_t(lead[0]), p.pad_left = int32_t(lead[1]);
    p.in_n = in.dims[0], p.in_h = int32_t(size[0]), p.in_w = int32_t(size[1]);
    p.pixel_bytes = size_t(in.dims[rank - 1]) * p.element_size;
    int64_t on = 0, oh[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
        if (to_batch) {
            const int64_t padded = size[k] + lead[k] + trail[k];
            if (padded % bs[k] != 0)
                return n.fail("padded spatial size " + std::to_string(padded) + " is not a multiple of block size " + std::to_string(bs[k]));
            oh[k] = padded / bs[k];
        } else {
            oh[k] = size[k] * bs[k] - lead[k] - trail[k];
            if (oh[k] < 0) return n.fail("crops exceed the spatial size " + std::to_string(size[k] * bs[k]));
        }
    }
    if (to_batch) {
        on = int64_t(in.dims[0]) * bs[0] * bs[1];
    } else {
        if (in.dims[0] % (bs[0] * bs[1]) != 0)
            return n.fail("batch " + std::to_string(in.dims[0]) + " is not a multiple of the block area " + std::to_string(bs[0] * bs[1]));
        on = in.dims[0] / (bs[0] * bs[1]);
    }
    if (on > INT32_MAX || oh[0] > INT32_MAX || oh[1] > INT32_MAX) return n.fail("output shape overflows int32");
    p.out_n = int32_t(on), p.out_h = int32_t(oh[0]), p.out_w = int32_t(oh[1]);
    out.dims = rank == 4 ? shape{p.out_n, p.out_h, p.out_w, in.dims[3]} : shape{p.out_n, p.out_h, in.dims[2]};
    return status::ok();
}

inline status space_to_batch_nd_invoke(node& n) {
    reference::space_to_batch_nd(n.get<batch_space_data>().p, n.in(0).data, n.out(0).data);
    return status::ok();
}

inline status prepare_space_to_batch_nd(node& n) {
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::space_to_batch_nd_options));
    auto& p = n.emplace<batch_space_data>().p;
    FLATNN_TRY(prepare_batch_space(n, true, p));
    const tensor& out = n.out(0);
    if ((out.type == dtype::int8 || out.type == dtype::uint8) && out.quantized()) p.pad[0] = uint8_t(out.zero_point());
    n.invoke = space_to_batch_nd_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
