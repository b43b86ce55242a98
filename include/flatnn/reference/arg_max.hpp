#pragma once
// Reference ARG_MAX: index of the largest value along one axis. A strict greater-than scan, so ties keep the
// lowest index and a NaN never replaces the running maximum (as TFLite).
#include <cstdint>

namespace flatnn::reference {

// in is [outer, axis_size, inner]; out is [outer, inner].
template <class T, class I>
inline void arg_max(int64_t outer, int32_t axis_size, int64_t inner, const T* in, I* out) noexcept {
    if (axis_size <= 0) return;
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t k = 0; k < inner; ++k) {
            const T* p = in + o * axis_size * inner + k;
            T best = p[0];
            I best_i = 0;
            for (int32_t i = 1; i < axis_size; ++i)
                if (p[i * inner] > best) {
                    best = p[i * inner];
                    best_i = I(i);
                }
            out[o * inner + k] = best_i;
        }
}

}  // namespace flatnn::reference
