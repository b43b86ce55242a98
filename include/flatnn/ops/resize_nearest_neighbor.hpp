#pragma once
// RESIZE_NEAREST_NEIGHBOR: NHWC input resized to the constant `size` of input 1 (new_height, new_width).
// A byte copy for any element type; quantized values pass unchanged, as in TensorFlow Lite.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/resize_nearest_neighbor.hpp"

namespace flatnn::ops {

struct resize_nearest_neighbor_data : node_data {
    reference::resize_nearest_params p;
};

inline status resize_nearest_neighbor_invoke(node& n) {
    reference::resize_nearest_neighbor(n.get<resize_nearest_neighbor_data>().p, n.in(0).dims, n.in(0).data,
                                       n.out(0).dims, n.out(0).data);
    return status::ok();
}

inline status prepare_resize_nearest_neighbor(node& n) {
    namespace f = schema::resize_nearest_neighbor_options_field;
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::resize_nearest_neighbor_options));
    const tensor& in = n.in(0);
    FLATNN_TRY(expect_rank(n, in, 4, "input"));
    FLATNN_TRY(output_type_matches_input(n));
    auto& p = n.emplace<resize_nearest_neighbor_data>().p;
    FLATNN_TRY(element_size_of(n, in, "input", p.element_size));
    std::vector<int64_t> size;
    FLATNN_TRY(read_const_ints(n, n.in(1), "size (input 1)", size));
    if (size.size() != 2 || size[0] <= 0 || size[1] <= 0 || size[0] > (1 << 24) || size[1] > (1 << 24))
        return n.fail("size (input 1) must hold two positive values (new_height, new_width) up to 2^24");
    if (in.dims[1] <= 0 || in.dims[2] <= 0) return n.fail("input " + in.dims.str() + " must have positive height and width");
    p.align_corners = option<bool>(n, f::align_corners, false);
    p.half_pixel_centers = option<bool>(n, f::half_pixel_centers, false);
    n.out(0).dims = shape{in.dims[0], int32_t(size[0]), int32_t(size[1]), in.dims[3]};
    n.invoke = resize_nearest_neighbor_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
