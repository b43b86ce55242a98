#pragma once
// Reference TOPK_V2: per row of the last axis, the k largest values in descending order with their positions;
// equal values keep the lower position first (TensorFlow Lite's order). Insertion into the output rows, so no
// scratch memory.
#include <cstdint>

namespace flatnn::reference {

template <class T, class Index>
inline void topk_v2(const T* in, int64_t rows, int32_t n, int32_t k, T* values, Index* indices) noexcept {
    for (int64_t r = 0; r < rows; ++r, in += n, values += k, indices += k) {
        int32_t filled = 0;
        for (int32_t i = 0; i < n; ++i) {
            const T v = in[i];
            // A later element ranks below every earlier one of equal value.
            if (filled == k && !(v > values[k - 1])) continue;
            int32_t at = filled < k ? filled++ : k - 1;
            while (at > 0 && v > values[at - 1]) {
                values[at] = values[at - 1];
                indices[at] = indices[at - 1];
                --at;
            }
            values[at] = v;
            indices[at] = Index(i);
        }
    }
}

}  // namespace flatnn::reference
