#pragma once
// Quantized ADD (uint8 / int8) of two same-shape tensors: TFLite's recipe (offset, left shift, rescale each input,
// sum, rescale to the output) on whole vectors. Bit-identical to reference::add_quantized.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "flatnn/cpu/int_simd.hpp"
#include "flatnn/reference/add.hpp"

namespace flatnn::cpu {

struct add_packed {
    reference::add_quant_params q;
    requant_table rq1, rq2, rqo;  // one lane per int32 vector lane, all equal
};

inline void pack_add(add_packed& pk, const reference::add_quant_params& q, int lanes32) {
    pk.q = q;
    pk.rq1.resize(size_t(lanes32));
    pk.rq2.resize(size_t(lanes32));
    pk.rqo.resize(size_t(lanes32));
    for (size_t i = 0; i < size_t(lanes32); ++i) {
        pk.rq1.set(i, q.input1_multiplier, q.input1_shift);
        pk.rq2.set(i, q.input2_multiplier, q.input2_shift);
        pk.rqo.set(i, q.output_multiplier, q.output_shift);
    }
}

// Elements [begin, end).
template <class T, class A>
inline void add_range(const add_packed& pk, const T* a, const T* b, T* out, int64_t begin, int64_t end) noexcept {
    using O = int_ops<A>;
    using reg = typename O::reg;
    const auto& q = pk.q;
    const reg off1 = O::set32(q.input1_offset), off2 = O::set32(q.input2_offset);
    const reg lo = O::set16(int16_t(q.act_min)), hi = O::set16(int16_t(q.act_max));
    auto half = [&](const T* x, const T* y) {
        const reg u = O::requant(O::sll32(O::add32(O::template widen32<T>(x), off1), q.left_shift), pk.rq1.v.data(),
                                 pk.rq1.stride, 0);
        const reg v = O::requant(O::sll32(O::add32(O::template widen32<T>(y), off2), q.left_shift), pk.rq2.v.data(),
                                 pk.rq2.stride, 0);
        return O::requant(O::add32(u, v), pk.rqo.v.data(), pk.rqo.stride, q.output_offset);
    };
    constexpr int step = O::lanes16;
    int64_t i = begin;
    for (; i + step <= end; i += step) {
        const reg r0 = half(a + i, b + i), r1 = half(a + i + step / 2, b + i + step / 2);
        O::template store_narrow<T>(out + i, O::clamp16(O::pack_gemm(r0, r1), lo, hi), step);
    }
    if (i < end) {  // tail through bounce buffers: never read past the tensors
        alignas(64) T ta[step] = {}, tb[step] = {};
        const int count = int(end - i);
        std::memcpy(ta, a + i, size_t(count));
        std::memcpy(tb, b + i, size_t(count));
        const reg r0 = half(ta, tb), r1 = half(ta + step / 2, tb + step / 2);
        O::template store_narrow<T>(out + i, O::clamp16(O::pack_gemm(r0, r1), lo, hi), count);
    }
}

}  // namespace flatnn::cpu
