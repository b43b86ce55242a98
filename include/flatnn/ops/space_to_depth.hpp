#pragma once
// SPACE_TO_DEPTH: NHWC [N, H, W, C] -> [N, H / b, W / b, C·b²] with block_size b dividing H and W. A byte copy
// for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/depth_to_space.hpp"

namespace flatnn::ops {

inline status prepare_space_to_depth(node& n) {
    namespace f = schema::space_to_depth_options_field;
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::space_to_depth_options));
    const tensor& in = n.in(0);
    FLATNN_TRY(expect_rank(n, in, 4, "input"));
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    const int32_t b = option<int32_t>(n, f::block_size, 0);
    if (b <= 0 || in.dims[1] % b != 0 || in.dims[2] % b != 0)
        return n.fail("block_size " + std::to_string(b) + " must be positive and divide the height and width of " +
                      in.dims.str());
    if (int64_t(in.dims[3]) * b * b > INT32_MAX) return n.fail("output depth overflows int32");
    n.out(0).dims = shape{in.dims[0], in.dims[1] / b, in.dims[2] / b, in.dims[3] * b * b};
    return use_strided_copy(n, reference::space_to_depth_view(in.dims, b), es);
}

}  // namespace flatnn::ops
