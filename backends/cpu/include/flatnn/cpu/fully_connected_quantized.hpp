#pragma once
// Quantized FULLY_CONNECTED (uint8 / int8) on the quantized CONV_2D GEMM (a 1x1 convolution over [batches, 1, 1, K]):
// the same gathered int16 rows, packed int16 weight pairs and 16-bit multiply-add give the exact int32 sums; the
// epilogue then rescales as TensorFlow Lite's reference FULLY_CONNECTED does (round(acc * scale) in double
// precision, reference::rescale_double), adds the output zero point and clamps. Bit-identical to
// reference::fully_connected_quantized.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "flatnn/cpu/conv_2d_quantized.hpp"
#include "flatnn/reference/fully_connected.hpp"

namespace flatnn::cpu {

struct fc_quant_packed {
    conv_gemm_packed g;
    std::vector<double> scale;  // per unit, s_in * s_w[o] / s_out
    int32_t output_zero_point = 0, act_min = 0, act_max = 0;
    int32_t units = 0, K = 0;
};

// weights [units, K] of the input's type; bias int32 [units] or null. nr: channels per panel.
inline void pack_fc_quant(fc_quant_packed& pk, const reference::fully_connected_params& p, const tensor& weights,
                          const tensor* bias, int32_t nr) {
    reference::conv_2d_params cp;  // stride 1, no padding, no dilation
    cp.q = p.q;
    tensor f;
    f.type = weights.type;
    f.dims = shape{p.units, 1, 1, p.input_size};
    f.data = weights.data;
    f.bytes = weights.bytes;
    pack_conv_gemm(pk.g, cp, f, bias, nr);
    pk.scale = p.scale;
    pk.output_zero_point = p.q.output_zero_point;
    pk.act_min = p.q.act_min;
    pk.act_max = p.q.act_max;
    pk.units = p.units;
    pk.K = p.input_size;
}

namespace detail {

template <class T, class A, int R>
inline void fc_quant_tile(const fc_quant_packed& pk, const int16_t* a, const int16_t* wp, int32_t n0, T* out,
                          int32_t count) noexcept {
    using O = int_ops<A>;
    typename O::reg acc[R][2];
    conv_gemm_accumulate<A, R>(pk.g, a, wp, n0, acc);
    alignas(64) int32_t sums[2 * O::lanes32];
    for (int r = 0; r < R; ++r) {
        O::store(sums, acc[r][0]);
        O::store(sums + O::lanes32, acc[r][1]);
        T* o = out + size_t(r) * size_t(pk.units);
        for (int32_t j = 0; j < count; ++j) {
            const int32_t v = int32_t(uint32_t(reference::rescale_double(sums[j], pk.scale[size_t(n0 + j)])) +
                                      uint32_t(pk.output_zero_point));
            o[j] = T(std::min(std::max(v, pk.act_min), pk.act_max));
        }
    }
}

}  // namespace detail

// Scratch int16 elements one worker needs.
template <class A>
inline size_t fc_quant_scratch(const fc_quant_packed& pk) noexcept {
    return conv_gemm_scratch<A>(pk.g, conv_gemm_block_rows(pk.g, conv_gemm_tiling<A>::mr));
}

// Batch rows [m_begin, m_end) of in [batches, K] into out [batches, units].
template <class T, class A>
inline void fc_quant_rows(const fc_quant_packed& pk, const T* in, T* out, int64_t m_begin, int64_t m_end,
                          int16_t* scratch) noexcept {
    constexpr int MR = conv_gemm_tiling<A>::mr;
    const int32_t MC = conv_gemm_block_rows(pk.g, MR);
    const size_t panel_elems = size_t(pk.g.Kp) * size_t(pk.g.NR);
    const shape in_dims{int32_t(m_end), 1, 1, pk.K}, out_dims{int32_t(m_end), 1, 1, pk.units};
    for (int64_t m0 = m_begin; m0 < m_end; m0 += MC) {
        const int32_t mc = int32_t(std::min<int64_t>(MC, m_end - m0));
        conv_gemm_gather<T, A>(pk.g, in, in_dims, out_dims, m0, mc, scratch);
        for (int32_t n0 = 0; n0 < pk.units; n0 += pk.g.NR) {
            const int16_t* wp = pk.g.w.data() + size_t(n0 / pk.g.NR) * panel_elems;
            const int32_t count = std::min(pk.g.NR, pk.units - n0);
            T* o = out + m0 * pk.units + n0;
            const int16_t* a = scratch;
            int32_t r = 0;
            for (; r + MR <= mc; r += MR, a += MR * pk.g.Kp, o += MR * pk.units)
                detail::fc_quant_tile<T, A, MR>(pk, a, wp, n0, o, count);
            switch (mc - r) {
                case 3: detail::fc_quant_tile<T, A, 3>(pk, a, wp, n0, o, count); break;
                case 2: detail::fc_quant_tile<T, A, 2>(pk, a, wp, n0, o, count); break;
                case 1: detail::fc_quant_tile<T, A, 1>(pk, a, wp, n0, o, count); break;
                default: break;
            }
        }
    }
}

}  // namespace flatnn::cpu
