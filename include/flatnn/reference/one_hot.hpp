#pragma once
// Reference ONE_HOT: out[o, d, i] = (indices[o, i] == d) ? on : off, the new axis of size depth placed between
// the index axes before and after it. Indices outside [0, depth) give rows of `off`. Values are byte copies.
#include <cstdint>
#include <cstring>

namespace flatnn::reference {

struct one_hot_params {
    int64_t outer = 1, inner = 1;  // index elements before / after the new axis
    int32_t depth = 0;
    size_t element_size = 0;
};

template <class Index>
inline void one_hot(const one_hot_params& p, const Index* indices, const uint8_t* on, const uint8_t* off,
                    uint8_t* out) noexcept {
    const size_t es = p.element_size;
    for (int64_t o = 0; o < p.outer; ++o)
        for (int32_t d = 0; d < p.depth; ++d)
            for (int64_t i = 0; i < p.inner; ++i) {
                std::memcpy(out, int64_t(indices[o * p.inner + i]) == d ? on : off, es);
                out += es;
            }
}

}  // namespace flatnn::reference
