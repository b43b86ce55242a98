#pragma once
// Reference ARG_MAX: index of the largest value along one axis. A strict greater-than scan, so ties keep the
// lowest index and a NaN never replaces the running maximum (as TFLite).
#include <cstdint>

namespace flatnn::reference {

// in is [outer, axis_size, inner]; out is [outer, inner]. Better(x, best) is a strict comparison (ARG_MIN uses
// less-than).
template <class T, class I, class Better>
inline void arg_select(int64_t outer, int32_t axis_size, int64_t inner, const T* in, I* out) noexcept {
    if (axis_size <= 0) return;
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t k = 0; k < inner; ++k) {
            const T* p = in + o * axis_size * inner + k;
            T best = p[0];
            I best_i = 0;
            for (int32_t i = 1; i < axis_size; ++i)
                if (Better{}(p[i * inner], best)) {
                    best = p[i * inner];
                    best_i = I(i);
                }
            out[o * inner + k] = best_i;
        }
}

struct arg_max_better {
    template <class T>
    bool operator()(T x, T best) const noexcept { return x > best; }
};

template <class T, class I>
inline void arg_max(int64_t outer, int32_t axis_size, int64_t inner, const T* in, I* out) noexcept {
    arg_select<T, I, arg_max_better>(outer, axis_size, inner, in, out);
}

}  // namespace flatnn::reference
