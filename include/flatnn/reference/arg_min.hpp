#pragma once
// Reference ARG_MIN: index of the smallest value along one axis; ties keep the lowest index (see arg_max.hpp).
#include "flatnn/reference/arg_max.hpp"

namespace flatnn::reference {

struct arg_min_better {
    template <class T>
    bool operator()(T x, T best) const noexcept { return x < best; }
};

template <class T, class I>
inline void arg_min(int64_t outer, int32_t axis_size, int64_t inner, const T* in, I* out) noexcept {
    arg_select<T, I, arg_min_better>(outer, axis_size, inner, in, out);
}

}  // namespace flatnn::reference
