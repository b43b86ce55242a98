#pragma once
// EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL: broadcasting, bool output. Quantized inputs are
// compared as TFLite does: each offset input shifted left by 8 and multiplied by its own scale (a Q31 multiplier
// below 1), so inputs of different scales compare by real value.
#include <cstdint>

#include "flatnn/reference/elementwise_binary.hpp"
#include "flatnn/reference/fixed_point.hpp"

namespace flatnn::reference {

struct equal_fn {
    template <class T>
    bool operator()(T a, T b) const noexcept { return a == b; }
};
struct not_equal_fn {
    template <class T>
    bool operator()(T a, T b) const noexcept { return a != b; }
};
struct less_fn {
    template <class T>
    bool operator()(T a, T b) const noexcept { return a < b; }
};
struct less_equal_fn {
    template <class T>
    bool operator()(T a, T b) const noexcept { return a <= b; }
};
struct greater_fn {
    template <class T>
    bool operator()(T a, T b) const noexcept { return a > b; }
};
struct greater_equal_fn {
    template <class T>
    bool operator()(T a, T b) const noexcept { return a >= b; }
};

struct comparison_quant_params {
    int32_t input1_offset = 0, input2_offset = 0;  // minus the zero points
    int32_t input1_multiplier = 0, input2_multiplier = 0;
    int input1_shift = 0, input2_shift = 0;  // <= 0
};

inline int32_t comparison_scaled(int32_t v, int32_t offset, int32_t multiplier, int shift) noexcept {
    return fixed_point::multiply_by_quantized_multiplier((v + offset) * (1 << 8), multiplier, shift);
}

template <class T, class Cmp>
inline void compare_quantized(const broadcast_params& p, const comparison_quant_params& q, const T* a, const T* b,
                              bool* out) noexcept {
    binary_map(p, a, b, out, [&](T x, T y) {
        return Cmp{}(comparison_scaled(x, q.input1_offset, q.input1_multiplier, q.input1_shift),
                     comparison_scaled(y, q.input2_offset, q.input2_multiplier, q.input2_shift));
    });
}

}  // namespace flatnn::reference
