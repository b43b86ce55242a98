#pragma once
// Reference UNIDIRECTIONAL_SEQUENCE_LSTM, full integer 8x8_16 (tflite-format.md §8; TFLite's lstm_eval
// integer path): int8 input and output state, int16 cell state (power-of-two scale), int8 weights, int32 biases,
// int16 peephole and layer-norm coefficients. Gate pre-activations are int16 in Q3.12 (or, with layer norm, at
// the scale of intermediates 0..3, normalised into Q3.12); gates are Q0.15 (sigmoid / tanh in 16-bit gemmlowp
// fixed point); the hidden state h = o * tanh(c) is requantized to int8 (intermediate 4, or the output state
// directly without projection). Every step is integer arithmetic with TFLite's rounding, so results are
// bit-exact. The effective biases (zero point times weight row sums) are recomputed from the weights at each
// invoke.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/reference/rsqrt.hpp"
#include "flatnn/reference/unidirectional_sequence_lstm.hpp"

namespace flatnn::reference {

// 16-bit gemmlowp fixed point: a raw int16 with `ib` integer bits means raw / 2^(15 - ib). Sums wrap as int16
// does in the C++ original (its operands are int16 and results are narrowed back).
namespace fixed16 {

inline int16_t wrap(int32_t v) noexcept { return int16_t(uint16_t(uint32_t(v))); }
inline int16_t add(int16_t a, int16_t b) noexcept { return wrap(int32_t(a) + b); }
inline int16_t sub(int16_t a, int16_t b) noexcept { return wrap(int32_t(a) - b); }
inline int16_t neg(int16_t a) noexcept { return wrap(-int32_t(a)); }
inline int16_t saturating_add(int16_t a, int16_t b) noexcept {
    const int32_t s = int32_t(a) + b;
    return int16_t(std::min<int32_t>(32767, std::max<int32_t>(-32768, s)));
}
// Saturating rounding doubling high multiply on 16 bits.
inline int16_t mul(int16_t a, int16_t b) noexcept {
    if (a == b && a == INT16_MIN) return INT16_MAX;
    const int32_t ab = int32_t(a) * int32_t(b);
    const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
    return wrap((ab + nudge) / (1 << 15));
}
// Rounding (half away from zero) arithmetic right shift.
inline int16_t rounding_shift_right(int16_t x, int e) noexcept {
    const int32_t mask = (1 << e) - 1;
    const int32_t rem = int32_t(x) & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return wrap((int32_t(x) >> e) + (rem > threshold ? 1 : 0));
}
// x * 2^e: saturating for e > 0, rounding for e < 0.
inline int16_t mul_pot(int16_t x, int e) noexcept {
    if (e == 0) return x;
    if (e < 0) return rounding_shift_right(x, -e);
    const int32_t threshold = (1 << (15 - e)) - 1;
    if (x > threshold) return INT16_MAX;
    if (x < -threshold) return INT16_MIN;
    return wrap(int32_t(uint32_t(int32_t(x)) << e));
}
// A gemmlowp 32-bit constant narrowed to 16 bits (rounding shift by 16).
inline int16_t constant(int32_t c32) noexcept { return int16_t(fixed_point::rdbpot(c32, 16)); }
inline int16_t half_sum(int16_t a, int16_t b) noexcept {
    const int32_t s = int32_t(a) + b;
    return wrap((s + (s >= 0 ? 1 : -1)) / 2);
}

// exp(a) for a in [-1/4, 0), Q0.15.
inline int16_t exp_on_quarter_interval(int16_t a) noexcept {
    const int16_t c = constant(1895147668), third = constant(715827883);
    const int16_t x = add(a, int16_t(1 << 12));  // a + 1/8
    const int16_t x2 = mul(x, x), x3 = mul(x2, x), x4 = mul(x2, x2);
    const int16_t x4_4 = mul_pot(x4, -2);
    const int16_t poly = mul_pot(add(mul(add(x4_4, x3), third), x2), -1);
    return saturating_add(c, mul(c, add(x, poly)));
}

// exp(a) for a <= 0 given with `ib` integer bits; Q0.15 result.
inline int16_t exp_on_negative_values(int16_t a, int ib) noexcept {
    const int fb = 15 - ib;
    const int16_t quarter = int16_t(1 << (fb - 2));
    const int16_t mask = int16_t(quarter - 1);
    const int16_t amq = sub(int16_t(a & mask), quarter);
    int16_t result = exp_on_quarter_interval(mul_pot(amq, ib));
    const int16_t remainder = sub(amq, a);
    static const int32_t multipliers[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    for (int k = 0; k < 7; ++k) {
        const int exponent = k - 2;
        if (ib > exponent && (int32_t(remainder) & (1 << (fb + exponent))) != 0)
            result = mul(result, constant(multipliers[k]));
    }
    if (ib > 5) {
        const int16_t clamp = constant(-(int32_t(1) << (36 - ib)));
        if (a < clamp) result = 0;
    }
    return a == 0 ? INT16_MAX : result;
}

// Newton-Raphson reciprocal of 1 + a (half of it held in Q0.15), x in Q2.13.
inline int16_t newton_reciprocal(int16_t half_denominator) noexcept {
    int16_t x = add(constant(1515870810), mul(half_denominator, constant(-1010580540)));
    const int16_t one2 = int16_t(1 << 13);
    for (int i = 0; i < 3; ++i) {
        const int16_t hx = mul(half_denominator, x);
        x = add(x, mul_pot(mul(x, sub(one2, hx)), 2));
    }
    return x;
}

inline int16_t logistic(int16_t a, int ib) noexcept {
    const int16_t abs_a = a > 0 ? a : neg(a);
    const int16_t e = exp_on_negative_values(neg(abs_a), ib);
    const int16_t pos = mul_pot(newton_reciprocal(half_sum(e, INT16_MAX)), 1);  // Q1 -> Q0 of x / 2
    if (a == 0) return constant(1 << 30);
    return a > 0 ? pos : sub(INT16_MAX, pos);
}

inline int16_t tanh(int16_t a, int ib) noexcept {
    const int16_t n = a < 0 ? a : neg(a);
    const int16_t e = exp_on_negative_values(n, ib + 1);  // exp(2n)
    const int16_t t = mul_pot(sub(newton_reciprocal(half_sum(e, INT16_MAX)), int16_t(1 << 13)), 2);
    if (a == 0) return 0;
    return a < 0 ? neg(t) : t;
}

}  // namespace fixed16

struct lstm_int_weights {
    const int8_t* input_w[4] = {};      // [cells, input_size]; input gate null with CIFG
    const int8_t* recurrent_w[4] = {};  // [cells, output_size]
    const int16_t* peephole[4] = {};    // [cells] for input, forget, output; null = none
    const int32_t* bias[4] = {};        // [cells]
    const int16_t* layer_norm[4] = {};  // [cells]
    const int8_t* projection_w = nullptr;  // [output_size, cells]
    const int32_t* projection_b = nullptr;
};

struct lstm_int_params {
    int32_t batches = 0, steps = 0, input_size = 0, cells = 0, output_size = 0;
    bool time_major = false, cifg = false, layer_norm = false;
    int32_t input_zp = 0, output_state_zp = 0, hidden_zp = 0;
    int32_t input_mul[4] = {}, recurrent_mul[4] = {}, peephole_mul[4] = {}, ln_mul[4] = {}, ln_guard[4] = {};
    int input_shift[4] = {}, recurrent_shift[4] = {}, peephole_shift[4] = {}, ln_shift[4] = {};
    int32_t hidden_mul = 0, proj_mul = 0;
    int hidden_shift = 0, proj_shift = 0;
    int cell_scale_log2 = -15;  // cell state scale = 2^cell_scale_log2, in [-15, -9]
    int16_t cell_clip = 0;      // quantized; 0 = none
    int8_t proj_clip = 0;
};

// int32 scratch: effective biases for 4 input + 4 recurrent gates and the projection.
inline int64_t lstm_int_scratch32(const lstm_int_params& p) { return int64_t(8) * p.cells + p.output_size; }
// int16 scratch: four gates and tanh(c); int8 scratch: hidden state before projection.
inline int64_t lstm_int_scratch16(const lstm_int_params& p) { return int64_t(5) * p.cells; }
inline int64_t lstm_int_scratch8(const lstm_int_params& p) { return p.cells; }

namespace lstm_int_detail {

inline int32_t clamp(int32_t v, int32_t lo, int32_t hi) noexcept { return v < lo ? lo : (v > hi ? hi : v); }

// bias[r] + zp * sum(w[r, :]) for each row (TFLite's effective bias; the sums wrap as int32 would).
inline void effective_bias(const int8_t* w, const int32_t* bias, int32_t zp, int32_t rows, int32_t cols,
                           int32_t* out) noexcept {
    for (int32_t r = 0; r < rows; ++r) {
        int32_t sum = 0;
        for (int32_t k = 0; k < cols; ++k) sum = fixed_point::wrap_add(sum, int32_t(w[int64_t(r) * cols + k]));
        out[r] = fixed_point::wrap_add(bias ? bias[r] : 0, fixed_point::wrap_mul(sum, zp));
    }
}

// out[r] = clamp(out[r] + rescale(bias[r] + w[r, :] . v) + zp) for an int16 or int8 destination.
template <class T>
inline void matvec_accumulate(const int8_t* w, const int32_t* bias, const int8_t* v, int32_t rows, int32_t cols,
                              int32_t mul, int shift, int32_t zp, T* out) noexcept {
    for (int32_t r = 0; r < rows; ++r) {
        int32_t acc = bias[r];
        const int8_t* row = w + int64_t(r) * cols;
        for (int32_t k = 0; k < cols; ++k) acc = fixed_point::wrap_add(acc, int32_t(row[k]) * int32_t(v[k]));
        acc = fixed_point::multiply_by_quantized_multiplier(acc, mul, shift);
        acc = fixed_point::add_saturated(fixed_point::add_saturated(acc, zp), int32_t(out[r]));
        out[r] = T(clamp(acc, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
    }
}

// TFLite's integer layer norm of one row: mean and variance from int64 sums (x 1024), 1/stddev as a
// multiplier, times the coefficient plus the bias, rounded back by 1024 and rescaled into Q3.12.
inline void layer_norm(int16_t* v, const int16_t* w, const int32_t* bias, int32_t mul, int shift, int32_t guard,
                       int32_t n) noexcept {
    int64_t sum = 0, sum_sq = 0;
    for (int32_t j = 0; j < n; ++j) {
        sum += v[j];
        sum_sq += int32_t(v[j]) * int32_t(v[j]);
    }
    const int32_t mean = int32_t(sum * 1024 / n);
    const int32_t temp = (1 << 20) / n;
    const int64_t variance = int64_t(uint64_t(sum_sq) * uint64_t(int64_t(temp)) - uint64_t(int64_t(mean) * mean));
    int32_t variance2 = int32_t(variance / (1 << 20));
    if (variance2 < 1) variance2 = guard;
    int32_t inv_mul;
    int inv_shift;
    inv_sqrt_multiplier(variance2, inv_mul, inv_shift);
    for (int32_t j = 0; j < n; ++j) {
        const int32_t shifted = fixed_point::wrap_add(fixed_point::wrap_mul(int32_t(v[j]), 1024), -mean);
        const int32_t rescaled = fixed_point::multiply_by_quantized_multiplier(shifted, inv_mul, inv_shift);
        const int64_t val3 = int64_t(fixed_point::wrap_add(fixed_point::wrap_mul(rescaled, int32_t(w[j])), bias[j]));
        const int32_t val4 = int32_t((val3 > 0 ? val3 + 512 : val3 - 512) / 1024);
        const int32_t val5 = fixed_point::multiply_by_quantized_multiplier(val4, mul, shift + 12);
        v[j] = int16_t(clamp(val5, INT16_MIN, INT16_MAX));
    }
}

}  // namespace lstm_int_detail

// One gate for one batch row into out[cells] (Q0.15): matmuls of x and h, peephole on `cell`, layer norm,
// sigmoid (or tanh for the cell gate, Q3.12 input).
inline void lstm_gate_int(const lstm_int_params& p, const lstm_int_weights& w, int g, const int32_t* in_bias,
                          const int32_t* rec_bias, const int8_t* x, const int8_t* h, const int16_t* cell,
                          int16_t* out) noexcept {
    namespace d = lstm_int_detail;
    const int32_t C = p.cells;
    std::fill(out, out + C, int16_t(0));
    d::matvec_accumulate(w.input_w[g], in_bias, x, C, p.input_size, p.input_mul[g], p.input_shift[g], 0, out);
    d::matvec_accumulate(w.recurrent_w[g], rec_bias, h, C, p.output_size, p.recurrent_mul[g], p.recurrent_shift[g],
                         0, out);
    if (w.peephole[g]) {
        for (int32_t c = 0; c < C; ++c) {
            int32_t prod = int32_t(w.peephole[g][c]) * int32_t(cell[c]);
            prod = fixed_point::multiply_by_quantized_multiplier(prod, p.peephole_mul[g], p.peephole_shift[g]);
            out[c] = int16_t(d::clamp(fixed_point::add_saturated(prod, out[c]), INT16_MIN, INT16_MAX));
        }
    }
    if (p.layer_norm) d::layer_norm(out, w.layer_norm[g], w.bias[g], p.ln_mul[g], p.ln_shift[g], p.ln_guard[g], C);
    for (int32_t c = 0; c < C; ++c)
        out[c] = g == lstm_cell ? fixed16::tanh(out[c], 3) : fixed16::logistic(out[c], 3);
}

// input [T,B,I] or [B,T,I] int8; output likewise [.., P] int8; output_state [B,P] int8; cell_state [B,C] int16.
inline void unidirectional_sequence_lstm_integer(const lstm_int_params& p, const lstm_int_weights& w,
                                                 const int8_t* input, int8_t* output_state, int16_t* cell_state,
                                                 int8_t* output, int32_t* s32, int16_t* s16, int8_t* s8) noexcept {
    namespace d = lstm_int_detail;
    const int32_t C = p.cells, I = p.input_size, P = p.output_size;
    int32_t* in_bias = s32;
    int32_t* rec_bias = s32 + 4 * C;
    int32_t* proj_bias = s32 + 8 * C;
    for (int g = 0; g < 4; ++g) {
        if (g == lstm_input && p.cifg) continue;
        d::effective_bias(w.input_w[g], p.layer_norm ? nullptr : w.bias[g], -p.input_zp, C, I, in_bias + g * C);
        d::effective_bias(w.recurrent_w[g], nullptr, -p.output_state_zp, C, P, rec_bias + g * C);
    }
    if (w.projection_w) d::effective_bias(w.projection_w, w.projection_b, p.hidden_zp, P, C, proj_bias);
    int16_t* gi = s16;
    int16_t* gf = s16 + C;
    int16_t* gg = s16 + 2 * C;
    int16_t* go = s16 + 3 * C;
    int16_t* tc = s16 + 4 * C;
    const int cell_shift = 30 + p.cell_scale_log2;
    const int64_t B = p.batches, T = p.steps;
    for (int64_t b = 0; b < B; ++b) {
        int8_t* h = output_state + b * P;
        int16_t* cell = cell_state + b * C;
        for (int64_t t = 0; t < T; ++t) {
            const int64_t row = p.time_major ? t * B + b : b * T + t;
            const int8_t* x = input + row * I;
            if (!p.cifg) lstm_gate_int(p, w, lstm_input, in_bias, rec_bias, x, h, cell, gi);
            lstm_gate_int(p, w, lstm_forget, in_bias + C, rec_bias + C, x, h, cell, gf);
            lstm_gate_int(p, w, lstm_cell, in_bias + 2 * C, rec_bias + 2 * C, x, h, cell, gg);
            for (int32_t c = 0; c < C; ++c) {
                const int32_t kept = fixed_point::rdbpot(int32_t(gf[c]) * int32_t(cell[c]), 15);
                const int16_t i = p.cifg ? int16_t(32767 - gf[c]) : gi[c];
                const int16_t added = fixed16::wrap(fixed_point::rdbpot(int32_t(i) * int32_t(gg[c]), cell_shift));
                int32_t v = d::clamp(int32_t(fixed16::wrap(kept)) + added, INT16_MIN, INT16_MAX);
                if (p.cell_clip > 0) v = d::clamp(v, -p.cell_clip, p.cell_clip);
                cell[c] = int16_t(v);
            }
            lstm_gate_int(p, w, lstm_output, in_bias + 3 * C, rec_bias + 3 * C, x, h, cell, go);
            for (int32_t c = 0; c < C; ++c) tc[c] = fixed16::tanh(cell[c], 15 + p.cell_scale_log2);
            int8_t* out = output + row * P;
            if (w.projection_w) {
                int8_t* hidden = s8;
                for (int32_t c = 0; c < C; ++c) {
                    int32_t v = fixed_point::multiply_by_quantized_multiplier(int32_t(go[c]) * int32_t(tc[c]),
                                                                             p.hidden_mul, p.hidden_shift);
                    hidden[c] = int8_t(d::clamp(fixed_point::add_saturated(v, -p.hidden_zp), -128, 127));
                }
                std::fill(h, h + P, int8_t(0));
                d::matvec_accumulate(w.projection_w, proj_bias, hidden, P, C, p.proj_mul, p.proj_shift,
                                     p.output_state_zp, h);
                if (p.proj_clip > 0)
                    for (int32_t o = 0; o < P; ++o) h[o] = int8_t(d::clamp(h[o], -p.proj_clip, p.proj_clip));
            } else {
                for (int32_t c = 0; c < C; ++c) {
                    int32_t v = fixed_point::multiply_by_quantized_multiplier(int32_t(go[c]) * int32_t(tc[c]),
                                                                             p.hidden_mul, p.hidden_shift);
                    h[c] = int8_t(d::clamp(fixed_point::add_saturated(v, p.hidden_zp), -128, 127));
                }
            }
            std::copy(h, h + P, out);
        }
    }
}

}  // namespace flatnn::reference
