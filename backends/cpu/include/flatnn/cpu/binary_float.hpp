#pragma once
// float32 ADD and MUL of two same-shape tensors (no broadcasting) with the fused activation clamp. One rounding per
// element, as in the reference kernels, so the results are identical to them.
#include <algorithm>
#include <cstdint>

#include <xsimd/xsimd.hpp>

#include "flatnn/cpu/float_gemm.hpp"

namespace flatnn::cpu {

enum class binary_float_op { add, mul };

// Elements [begin, end).
template <class A, binary_float_op Op>
inline void binary_float_range(const float* a, const float* b, float* out, int64_t begin, int64_t end, float act_min,
                               float act_max) noexcept {
    using B = xsimd::batch<float, A>;
    constexpr int64_t L = int64_t(B::size);
    const B lo(act_min), hi(act_max);
    auto op = [](const auto& x, const auto& y) {
        if constexpr (Op == binary_float_op::add)
            return x + y;
        else
            return x * y;
    };
    int64_t i = begin;
    for (; i + L <= end; i += L) {
        const B v = op(B::load_unaligned(a + i), B::load_unaligned(b + i));
        clamp(v, lo, hi).store_unaligned(out + i);
    }
    for (; i < end; ++i) out[i] = std::min(std::max(op(a[i], b[i]), act_min), act_max);
}

}  // namespace flatnn::cpu
