#pragma once
// RANGE: start, limit and delta (constant scalars of one type: int32, int64 or float32) give
// ceil(|limit - start| / |delta|) elements start, start + delta, ... (floats accumulate step by step, as
// TensorFlow Lite's kernel). The inputs decide the output shape: constants, or values known at prepare.
#include <cmath>
#include <type_traits>

#include "flatnn/ops/copy_common.hpp"

namespace flatnn::ops {

template <class T>
inline status range_invoke(node& n) {
    T v = *n.in(0).data_as<T>();
    const T delta = *n.in(2).data_as<T>();
    T* out = n.out(0).data_as<T>();
    const int64_t count = n.out(0).num_elements();
    for (int64_t i = 0; i < count; ++i) {
        out[i] = v;
        if (i + 1 < count) v += delta;  // not past the last element: that step may leave the type's range
    }
    return status::ok();
}

template <class T>
inline status range_count(const node& n, int64_t& count) {
    auto value = [&](size_t i) { return *reinterpret_cast<const T*>(values_at_prepare(n.in(i))); };
    const T start = value(0), limit = value(1), delta = value(2);
    if (delta == T(0)) return n.fail("delta is zero");
    if ((delta > T(0) && start > limit) || (delta < T(0) && start < limit))
        return n.fail("delta has the wrong sign to go from start to limit");
    double c = 0;
    if constexpr (std::is_integral_v<T>) {
        const double span = std::fabs(double(limit) - double(start)), step = std::fabs(double(delta));
        c = std::ceil(span / step);
    } else {
        c = std::ceil(std::fabs(double((limit - start) / delta)));
    }
    if (!(c <= double(INT32_MAX))) return n.fail("the range has more than 2^31 - 1 elements");
    count = int64_t(c);
    return status::ok();
}

inline status prepare_range(node& n) {
    FLATNN_TRY(expect_io(n, 3, 3, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::range_options));
    const dtype t = n.in(0).type;
    for (size_t i = 0; i < 3; ++i) {
        const tensor& x = n.in(i);
        if (x.type != t || x.num_elements() != 1)
            return n.fail("input " + std::to_string(i) + " must be one " + dtype_name(t) + " value, it is " +
                          dtype_name(x.type) + x.dims.str());
        if (!values_at_prepare(x))
            return n.fail("input " + std::to_string(i) + " must be constant or computed from shapes and constants "
                          "(the output size depends on it; it depends on values known only at invoke)");
    }
    FLATNN_TRY(output_type_matches_input(n));
    int64_t count = 0;
    switch (t) {
        case dtype::int32: FLATNN_TRY(range_count<int32_t>(n, count)); n.invoke = range_invoke<int32_t>; break;
        case dtype::int64: FLATNN_TRY(range_count<int64_t>(n, count)); n.invoke = range_invoke<int64_t>; break;
        case dtype::float32: FLATNN_TRY(range_count<float>(n, count)); n.invoke = range_invoke<float>; break;
        default: return n.fail(std::string("type ") + dtype_name(t) + " has no kernel (int32, int64, float32)");
    }
    n.out(0).dims = shape{int32_t(count)};
    return status::ok();
}

}  // namespace flatnn::ops
