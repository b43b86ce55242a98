#pragma once
// CAST: converts between float32, int8, uint8, int16, int32, int64 and bool element by element (see
// reference/cast.hpp). Quantization parameters are ignored, as in TensorFlow Lite: raw values convert.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/cast.hpp"

namespace flatnn::ops {

template <class To, class From>
inline status cast_invoke(node& n) {
    reference::cast<To, From>(n.in(0).data_as<From>(), n.in(0).num_elements(), n.out(0).data_as<To>());
    return status::ok();
}

// Calls f(From{}) / f(To{}) with a value of the C++ type of t; false for types without a kernel.
template <class F>
inline bool with_cast_type(dtype t, F&& f) {
    switch (t) {
        case dtype::float32: f(float{}); return true;
        case dtype::int8: f(int8_t{}); return true;
        case dtype::uint8: f(uint8_t{}); return true;
        case dtype::int16: f(int16_t{}); return true;
        case dtype::int32: f(int32_t{}); return true;
        case dtype::int64: f(int64_t{}); return true;
        case dtype::boolean: f(bool{}); return true;
        default: return false;
    }
}

inline status prepare_cast(node& n) {
    FLATNN_TRY(expect_io(n, 1, 1, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::cast_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    bool to_ok = false;
    const bool from_ok = with_cast_type(in.type, [&](auto from) {
        to_ok = with_cast_type(out.type, [&](auto to) {
            n.invoke = cast_invoke<decltype(to), decltype(from)>;
        });
    });
    if (!from_ok || !to_ok)
        return n.fail(std::string("cast from ") + dtype_name(in.type) + " to " + dtype_name(out.type) +
                      " has no kernel (float32, int8, uint8, int16, int32, int64, bool)");
    out.dims = in.dims;
    return status::ok();
}

}  // namespace flatnn::ops
