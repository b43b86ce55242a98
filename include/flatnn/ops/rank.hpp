#pragma once
// RANK: the input's rank as an int32 scalar.
#include "flatnn/ops/copy_common.hpp"

namespace flatnn::ops {

inline status rank_invoke(node& n) {
    *n.out(0).data_as<int32_t>() = int32_t(n.in(0).dims.rank());
    return status::ok();
}

inline status prepare_rank(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::rank_options));
    FLATNN_TRY(expect_type(n, n.out(0), dtype::int32, "output"));
    n.out(0).dims = shape{};
    n.invoke = rank_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
