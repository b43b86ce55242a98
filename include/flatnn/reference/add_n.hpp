#pragma once
// ADD_N: the element-wise sum of N same-shaped inputs, accumulated in input order.
#include <cstdint>

namespace flatnn::reference {

template <class T>
inline void add_n(int64_t count, const T* const* inputs, int n_inputs, T* out) noexcept {
    for (int64_t i = 0; i < count; ++i) {
        T sum = inputs[0][i];
        for (int k = 1; k < n_inputs; ++k) sum = T(sum + inputs[k][i]);
        out[i] = sum;
    }
}

}  // namespace flatnn::reference
