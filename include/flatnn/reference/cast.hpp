#pragma once
// Reference CAST: C++ value conversion per element, as TensorFlow Lite does (integers wrap, floats truncate
// toward zero). Conversion to bool is `x != 0`. A float outside the target integer type's range is undefined in
// TensorFlow Lite's static_cast; here it saturates (NaN becomes 0) so that it is at least defined.
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace flatnn::reference {

template <class To, class From>
inline To cast_value(From x) noexcept {
    if constexpr (std::is_same_v<To, bool>) {
        return x != From(0);
    } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
        if (std::isnan(x)) return To(0);
        // Through int64 like x86's conversion of narrow types, saturating at the int64 range.
        if (x >= From(9.2233720368547758e18)) return To(std::numeric_limits<int64_t>::max());
        if (x <= From(-9.2233720368547758e18)) return To(std::numeric_limits<int64_t>::min());
        const int64_t w = int64_t(x);
        if constexpr (sizeof(To) == 4) {  // int32: saturate (x86 gives INT_MIN, C++ leaves it undefined)
            if (w > std::numeric_limits<To>::max()) return std::numeric_limits<To>::max();
            if (w < std::numeric_limits<To>::min()) return std::numeric_limits<To>::min();
        }
        return To(w);
    } else {
        return To(x);
    }
}

template <class To, class From>
inline void cast(const From* in, int64_t count, To* out) noexcept {
    for (int64_t i = 0; i < count; ++i) out[i] = cast_value<To>(in[i]);
}

}  // namespace flatnn::reference
