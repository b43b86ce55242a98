#pragma once
// LOCAL_RESPONSE_NORMALIZATION: float32 4-D input normalized across its last axis (radius, bias, alpha, beta
// from LocalResponseNormalizationOptions).
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/local_response_normalization.hpp"

namespace flatnn::ops {

struct local_response_normalization_data : node_data {
    reference::lrn_params p;
};

inline status local_response_normalization_invoke(node& n) {
    const tensor& in = n.in(0);
    const int32_t depth = in.dims[3];
    reference::local_response_normalization(n.get<local_response_normalization_data>().p, in.data_as<float>(),
                                            depth ? in.num_elements() / depth : 0, depth, n.out(0).data_as<float>());
    return status::ok();
}

inline status prepare_local_response_normalization(node& n) {
    namespace f = schema::local_response_normalization_options_field;
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::local_response_normalization_options));
    const tensor& in = n.in(0);
    FLATNN_TRY(expect_rank(n, in, 4, "input"));
    FLATNN_TRY(expect_type(n, in, dtype::float32, "input"));
    FLATNN_TRY(output_type_matches_input(n));
    auto& p = n.emplace<local_response_normalization_data>().p;
    p.radius = option<int32_t>(n, f::radius, 0);
    p.bias = option<float>(n, f::bias, 0.0f);
    p.alpha = option<float>(n, f::alpha, 0.0f);
    p.beta = option<float>(n, f::beta, 0.0f);
    if (p.radius < 0) return n.fail("radius " + std::to_string(p.radius) + " is negative");
    n.out(0).dims = in.dims;
    n.invoke = local_response_normalization_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
