#pragma once
// MIRROR_PAD: pads with mirrored input (MirrorPadOptions.mode REFLECT = 0 or SYMMETRIC = 1); input 1 holds
// constant (before, after) pairs per axis ([rank, 2], int32 or int64). A byte copy for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/mirror_pad.hpp"

namespace flatnn::ops {

struct mirror_pad_data : node_data {
    reference::mirror_pad_params p;
};

inline status mirror_pad_invoke(node& n) {
    reference::mirror_pad(n.get<mirror_pad_data>().p, n.in(0).dims, n.in(0).data, n.out(0).dims, n.out(0).data);
    return status::ok();
}

inline status prepare_mirror_pad(node& n) {
    namespace f = schema::mirror_pad_options_field;
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::mirror_pad_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    auto& p = n.emplace<mirror_pad_data>().p;
    FLATNN_TRY(element_size_of(n, in, "input", p.element_size));
    const int8_t mode = option<int8_t>(n, f::mode, 0);
    if (mode != 0 && mode != 1) return n.fail("mode " + std::to_string(mode) + " is neither REFLECT (0) nor SYMMETRIC (1)");
    p.symmetric = mode == 1;
    const int rank = in.dims.rank();
    const tensor& pads_t = n.in(1);
    if (pads_t.dims.rank() != 2 || pads_t.dims[0] != rank || pads_t.dims[1] != 2)
        return n.fail("paddings (input 1) has shape " + pads_t.dims.str() + ", expected [" + std::to_string(rank) + ",2]");
    std::vector<int64_t> pads;
    FLATNN_TRY(read_const_ints(n, pads_t, "paddings (input 1)", pads));
    out.dims = in.dims;
    for (int k = 0; k < rank; ++k) {
        const int64_t before = pads[size_t(2 * k)], after = pads[size_t(2 * k + 1)];
        const int64_t limit = p.symmetric ? in.dims[k] : int64_t(in.dims[k]) - 1;
        if (before < 0 || after < 0 || before > limit || after > limit)
            return n.fail("paddings for axis " + std::to_string(k) + " are (" + std::to_string(before) + ", " +
                          std::to_string(after) + "); " + (p.symmetric ? "SYMMETRIC" : "REFLECT") +
                          " allows 0 to " + std::to_string(limit) + " for size " + std::to_string(in.dims[k]));
        p.before[k] = int32_t(before);
        out.dims[k] = int32_t(in.dims[k] + before + after);
    }
    n.invoke = mirror_pad_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
