#pragma once
// Reference UNIDIRECTIONAL_SEQUENCE_LSTM, hybrid (dynamic-range) form: float32 input, states and biases, int8
// weights with one scale per tensor (TFLite's hybrid LSTM reads only a tensor's first scale, so per-channel
// weights are refused in prepare). As TFLite's lstm_eval hybrid step: each batch row of the input, of the
// output state and (with projection) of the hidden state is quantized to int8 on the fly (symmetric, or
// asymmetric with asymmetric_quantize_inputs); the int8 dot products are exact int32 sums (the asymmetric offset
// enters as offset * row sum), scaled by (row scale * weight scale) and added in float to the gate. Peephole
// weights are int8 too, dequantized with their scale. Layer norm, activations and the cell update are float.
#include <algorithm>
#include <cstdint>

#include "flatnn/reference/fixed_point.hpp"
#include "flatnn/reference/hybrid_quantize.hpp"
#include "flatnn/reference/unidirectional_sequence_lstm.hpp"

namespace flatnn::reference {

struct lstm_hybrid_weights {
    const int8_t* input_w[4] = {};
    const int8_t* recurrent_w[4] = {};
    const int8_t* peephole[4] = {};
    const float* bias[4] = {};
    const float* layer_norm[4] = {};
    const int8_t* projection_w = nullptr;
    const float* projection_b = nullptr;
    float input_scale[4] = {1, 1, 1, 1}, recurrent_scale[4] = {1, 1, 1, 1}, peephole_scale[4] = {1, 1, 1, 1};
    float projection_scale = 1.0f;
};

struct lstm_hybrid_params {
    lstm_float_params f;
    bool asymmetric = true;
};

// Scratch: floats (4 gates, hidden, dequantized peephole) and int8 (quantized x, h, hidden).
inline int64_t lstm_hybrid_scratch_floats(const lstm_hybrid_params& p) { return int64_t(6) * p.f.cells; }
inline int64_t lstm_hybrid_scratch_bytes(const lstm_hybrid_params& p) {
    return int64_t(p.f.input_size) + p.f.output_size + p.f.cells;
}

namespace lstm_hybrid_detail {

inline hybrid_row_quant quantize(bool asymmetric, const float* v, int32_t n, int8_t* q) noexcept {
    return asymmetric ? quantize_row_asymmetric(v, n, q) : quantize_row_symmetric(v, n, q);
}

inline bool all_zero(const float* v, int32_t n) noexcept {
    for (int32_t k = 0; k < n; ++k)
        if (v[k] != 0.0f) return false;
    return true;
}

// out[r] += (w[r, :] . q - offset * sum(w[r, :])) * (row_scale * w_scale), the sums in int32.
inline void matvec_accumulate(const int8_t* w, int32_t rows, int32_t cols, const int8_t* q,
                              const hybrid_row_quant& rq, float w_scale, float* out) noexcept {
    const float scale = rq.scale * w_scale;
    for (int32_t r = 0; r < rows; ++r) {
        const int8_t* row = w + int64_t(r) * cols;
        int32_t dot = 0, sum = 0;
        for (int32_t k = 0; k < cols; ++k) {
            dot = fixed_point::wrap_add(dot, int32_t(row[k]) * int32_t(q[k]));
            sum = fixed_point::wrap_add(sum, int32_t(row[k]));
        }
        if (rq.offset != 0)
            dot = fixed_point::wrap_add(dot, fixed_point::wrap_neg(fixed_point::wrap_mul(sum, rq.offset)));
        out[r] += float(dot) * scale;
    }
}

}  // namespace lstm_hybrid_detail

inline void lstm_gate_hybrid(const lstm_hybrid_params& hp, const lstm_hybrid_weights& w, int g, const int8_t* qx,
                             const hybrid_row_quant& rx, bool x_zero, const int8_t* qh, const hybrid_row_quant& rh,
                             bool h_zero, const float* cell, float* peephole_scratch, float* out) noexcept {
    namespace d = lstm_hybrid_detail;
    const lstm_float_params& p = hp.f;
    const int32_t C = p.cells;
    for (int32_t c = 0; c < C; ++c) out[c] = p.layer_norm ? 0.0f : w.bias[g][c];
    if (!x_zero) d::matvec_accumulate(w.input_w[g], C, p.input_size, qx, rx, w.input_scale[g], out);
    if (!h_zero) d::matvec_accumulate(w.recurrent_w[g], C, p.output_size, qh, rh, w.recurrent_scale[g], out);
    if (w.peephole[g]) {
        for (int32_t c = 0; c < C; ++c) peephole_scratch[c] = w.peephole_scale[g] * float(w.peephole[g][c]);
        for (int32_t c = 0; c < C; ++c) out[c] += peephole_scratch[c] * cell[c];
    }
    if (p.layer_norm) {
        lstm_mean_stddev_normalize(out, C);
        for (int32_t c = 0; c < C; ++c) out[c] = out[c] * w.layer_norm[g][c] + w.bias[g][c];
    }
    for (int32_t c = 0; c < C; ++c)
        out[c] = g == lstm_cell ? lstm_activate(p.activation, out[c]) : lstm_sigmoid(out[c]);
}

inline void unidirectional_sequence_lstm_hybrid(const lstm_hybrid_params& hp, const lstm_hybrid_weights& w,
                                                const float* input, float* output_state, float* cell_state,
                                                float* output, float* fs, int8_t* bs) noexcept {
    namespace d = lstm_hybrid_detail;
    const lstm_float_params& p = hp.f;
    const int32_t C = p.cells, I = p.input_size, P = p.output_size;
    float* gi = fs;
    float* gf = fs + C;
    float* gg = fs + 2 * C;
    float* go = fs + 3 * C;
    float* hidden = fs + 4 * C;
    float* peep = fs + 5 * C;
    int8_t* qx = bs;
    int8_t* qh = bs + I;
    int8_t* qhidden = bs + I + P;
    const int64_t B = p.batches, T = p.steps;
    for (int64_t b = 0; b < B; ++b) {
        float* h = output_state + b * P;
        float* cell = cell_state + b * C;
        for (int64_t t = 0; t < T; ++t) {
            const int64_t row = p.time_major ? t * B + b : b * T + t;
            const float* x = input + row * I;
            const bool x_zero = d::all_zero(x, I), h_zero = d::all_zero(h, P);
            hybrid_row_quant rx, rh;
            if (!x_zero) rx = d::quantize(hp.asymmetric, x, I, qx);
            if (!h_zero) rh = d::quantize(hp.asymmetric, h, P, qh);
            if (!p.cifg) lstm_gate_hybrid(hp, w, lstm_input, qx, rx, x_zero, qh, rh, h_zero, cell, peep, gi);
            lstm_gate_hybrid(hp, w, lstm_forget, qx, rx, x_zero, qh, rh, h_zero, cell, peep, gf);
            lstm_gate_hybrid(hp, w, lstm_cell, qx, rx, x_zero, qh, rh, h_zero, cell, peep, gg);
            for (int32_t c = 0; c < C; ++c) {
                const float f = gf[c];
                float v = f * cell[c];
                const float i = p.cifg ? 1.0f - f : gi[c];
                v += gg[c] * i;
                if (p.cell_clip > 0.0f) v = std::min(p.cell_clip, std::max(-p.cell_clip, v));
                cell[c] = v;
            }
            lstm_gate_hybrid(hp, w, lstm_output, qx, rx, x_zero, qh, rh, h_zero, cell, peep, go);
            for (int32_t c = 0; c < C; ++c) hidden[c] = go[c] * lstm_activate(p.activation, cell[c]);
            float* out = output + row * P;
            if (w.projection_w) {
                for (int32_t o = 0; o < P; ++o) h[o] = w.projection_b ? w.projection_b[o] : 0.0f;
                if (!d::all_zero(hidden, C)) {
                    const hybrid_row_quant rq = d::quantize(hp.asymmetric, hidden, C, qhidden);
                    d::matvec_accumulate(w.projection_w, P, C, qhidden, rq, w.projection_scale, h);
                }
                if (p.proj_clip > 0.0f)
                    for (int32_t o = 0; o < P; ++o) h[o] = std::min(p.proj_clip, std::max(-p.proj_clip, h[o]));
            } else {
                std::copy(hidden, hidden + C, h);
            }
            std::copy(h, h + P, out);
        }
    }
}

}  // namespace flatnn::reference
