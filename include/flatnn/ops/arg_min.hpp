#pragma once
// ARG_MIN: as ARG_MAX (ops/arg_max.hpp) with the smallest value; ArgMinOptions.
#include "flatnn/ops/arg_max.hpp"
#include "flatnn/reference/arg_min.hpp"

namespace flatnn::ops {

inline status prepare_arg_min(node& n) {
    return prepare_arg_select<reference::arg_min_better>(n, schema::builtin_options_tag::arg_min_options);
}

}  // namespace flatnn::ops
