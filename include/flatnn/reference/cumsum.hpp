#pragma once
// Reference CUMSUM: running sums along one axis, in the axis order (or reversed), inclusive or exclusive.
#include <cstdint>

namespace flatnn::reference {

struct cumsum_params {
    int64_t outer = 1, inner = 1;
    int32_t axis_size = 0;
    bool exclusive = false, reverse = false;
};

template <class T>
inline void cumsum(const cumsum_params& p, const T* in, T* out) noexcept {
    for (int64_t o = 0; o < p.outer; ++o)
        for (int64_t i = 0; i < p.inner; ++i) {
            const int64_t base = o * p.axis_size * p.inner + i;
            T acc = T(0);
            for (int32_t k = 0; k < p.axis_size; ++k) {
                const int32_t j = p.reverse ? p.axis_size - 1 - k : k;
                const int64_t at = base + int64_t(j) * p.inner;
                if (p.exclusive) {
                    out[at] = acc;
                    acc += in[at];
                } else {
                    acc += in[at];
                    out[at] = acc;
                }
            }
        }
}

}  // namespace flatnn::reference
