#pragma once
// RESIZE_BILINEAR: output size from the constant `size` input; chooses the arithmetic TFLite's reference kernel
// uses for the dtype (see reference/resize_bilinear.hpp).
#include <cmath>
#include <string>
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/resize_bilinear.hpp"

namespace flatnn::ops {

struct resize_bilinear_data : node_data {
    reference::resize_bilinear_params p;
};

template <class T>
inline status resize_bilinear_invoke_float(node& n) {
    reference::resize_bilinear_float<T>(n.get<resize_bilinear_data>().p, view<T>(static_cast<const tensor&>(n.in(0))),
                                        view<T>(n.out(0)));
    return status::ok();
}

// int8 and int16: TFLite's 10-bit fixed-point kernel.
template <class T>
inline status resize_bilinear_invoke_integer(node& n) {
    reference::resize_bilinear_integer<T>(n.get<resize_bilinear_data>().p, view<T>(static_cast<const tensor&>(n.in(0))),
                                          view<T>(n.out(0)));
    return status::ok();
}

inline status prepare_resize_bilinear(node& n) {
    namespace f = schema::resize_bilinear_options_field;
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::resize_bilinear_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(expect_rank(n, in, 4, "input"));
    FLATNN_TRY(output_type_matches_input(n));
    std::vector<int64_t> size;
    FLATNN_TRY(read_const_ints(n, n.in(1), "size (input 1)", size));
    if (size.size() != 2 || size[0] <= 0 || size[1] <= 0 || size[0] > (1 << 20) || size[1] > (1 << 20))
        return n.fail("size (input 1) must hold two positive values (new_height, new_width) up to 2^20");
    if (in.dims[1] <= 0 || in.dims[2] <= 0 || in.dims[1] > (1 << 20) || in.dims[2] > (1 << 20))
        return n.fail("input " + in.dims.str() + " must have positive height and width up to 2^20");
    const int32_t OH = int32_t(size[0]), OW = int32_t(size[1]);
    // With both sizes up to 2^20 the 10-bit int8 coordinates (about 1024 * input size) fit in int32.

    auto& d = n.emplace<resize_bilinear_data>();
    auto& p = d.p;
    p.align_corners = option<bool>(n, f::align_corners, false);
    p.half_pixel_centers = option<bool>(n, f::half_pixel_centers, false);
    if (p.align_corners && p.half_pixel_centers)
        return n.fail("align_corners and half_pixel_centers cannot both be true");
    out.dims = shape{in.dims[0], OH, OW, in.dims[3]};

    switch (in.type) {
        case dtype::float32:
            n.invoke = resize_bilinear_invoke_float<float>;
            return status::ok();
        case dtype::int8:
        case dtype::uint8:
        case dtype::int16:
            FLATNN_TRY(expect_quantized(n, in, "input"));
            FLATNN_TRY(expect_quantized(n, out, "output"));
            // Values are interpolated raw, so input and output must mean the same thing.
            if (in.zero_point() != out.zero_point() || std::fabs(in.scale() - out.scale()) > 1e-6f)
                return n.fail("input and output quantization must match (scale " + std::to_string(in.scale()) +
                              " vs " + std::to_string(out.scale()) + ", zero point " +
                              std::to_string(in.zero_point()) + " vs " + std::to_string(out.zero_point()) + ")");
            n.invoke = in.type == dtype::int8    ? resize_bilinear_invoke_integer<int8_t>
                       : in.type == dtype::int16 ? resize_bilinear_invoke_integer<int16_t>
                                                 : resize_bilinear_invoke_float<uint8_t>;
            return status::ok();
        default:
            return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
