#pragma once
// Reference UNIDIRECTIONAL_SEQUENCE_LSTM, float32 (tflite-format.md §8): per batch row and time step, gates
// i (or 1 - f with CIFG), f, g, then the cell update, then o (its peephole sees the new cell), then the
// hidden state, optionally projected. Output and cell state are the op's variable tensors and persist.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace flatnn::reference {

enum lstm_gate : int { lstm_input = 0, lstm_forget = 1, lstm_cell = 2, lstm_output = 3 };

struct lstm_float_weights {
    const float* input_w[4] = {};      // [cells, input_size] per gate; input gate null with CIFG
    const float* recurrent_w[4] = {};  // [cells, output_size]
    const float* peephole[4] = {};     // [cells] for input, forget, output (cell gate has none); null = none
    const float* bias[4] = {};         // [cells]
    const float* layer_norm[4] = {};   // [cells]; all null = no layer norm
    const float* projection_w = nullptr;  // [output_size, cells]
    const float* projection_b = nullptr;  // [output_size]
};

struct lstm_float_params {
    int32_t batches = 0, steps = 0, input_size = 0, cells = 0, output_size = 0;
    bool time_major = false, cifg = false, layer_norm = false;
    int8_t activation = 4;  // ActivationFunctionType of the cell input and output (TANH normally)
    float cell_clip = 0.0f, proj_clip = 0.0f;
};

// Scratch floats the kernel needs: the four gates and the hidden state before projection.
inline int64_t lstm_float_scratch_size(const lstm_float_params& p) { return int64_t(5) * p.cells; }

inline float lstm_activate(int8_t act, float x) {
    switch (act) {
        case 1: return std::max(0.0f, x);
        case 2: return std::min(1.0f, std::max(-1.0f, x));
        case 3: return std::min(6.0f, std::max(0.0f, x));
        case 4: return std::tanh(x);
        default: return x;
    }
}

inline float lstm_sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

inline float lstm_dot(const float* w, const float* v, int32_t n) {
    float acc = 0.0f;
    for (int32_t k = 0; k < n; ++k) acc += w[k] * v[k];
    return acc;
}

// Normalises v to zero mean and unit variance as TFLite does (variance from the sums; 1e-8 when it is 0).
inline void lstm_mean_stddev_normalize(float* v, int32_t n) {
    float sum = 0.0f, sum_sq = 0.0f;
    for (int32_t k = 0; k < n; ++k) sum += v[k], sum_sq += v[k] * v[k];
    const float mean = sum / float(n);
    const float variance = sum_sq / float(n) - mean * mean;
    const float inv = 1.0f / std::sqrt(variance == 0.0f ? 1e-8f : variance);
    for (int32_t k = 0; k < n; ++k) v[k] = (v[k] - mean) * inv;
}

// Pre-activation of gate `g` into out[cells]: weights times x and h, plus the peephole on `cell`.
inline void lstm_gate_float(const lstm_float_params& p, const lstm_float_weights& w, int g, const float* x,
                            const float* h, const float* cell, float* out) {
    const int32_t C = p.cells, I = p.input_size, P = p.output_size;
    for (int32_t c = 0; c < C; ++c) {
        float acc = p.layer_norm ? 0.0f : w.bias[g][c];
        acc += lstm_dot(w.input_w[g] + int64_t(c) * I, x, I);
        acc += lstm_dot(w.recurrent_w[g] + int64_t(c) * P, h, P);
        if (w.peephole[g]) acc += w.peephole[g][c] * cell[c];
        out[c] = acc;
    }
    if (p.layer_norm) {
        lstm_mean_stddev_normalize(out, C);
        for (int32_t c = 0; c < C; ++c) out[c] = out[c] * w.layer_norm[g][c] + w.bias[g][c];
    }
}

// One time step of one batch row: x[input_size] -> out[output_size]; h (output state) and cell are updated.
inline void lstm_step_float(const lstm_float_params& p, const lstm_float_weights& w, const float* x, float* h,
                            float* cell, float* out, float* scratch) {
    const int32_t C = p.cells, P = p.output_size;
    float* gi = scratch;
    float* gf = scratch + C;
    float* gg = scratch + 2 * C;
    float* go = scratch + 3 * C;
    float* hidden = scratch + 4 * C;
    if (!p.cifg) lstm_gate_float(p, w, lstm_input, x, h, cell, gi);
    lstm_gate_float(p, w, lstm_forget, x, h, cell, gf);
    lstm_gate_float(p, w, lstm_cell, x, h, cell, gg);
    for (int32_t c = 0; c < C; ++c) {
        const float f = lstm_sigmoid(gf[c]);
        const float i = p.cifg ? 1.0f - f : lstm_sigmoid(gi[c]);
        float v = f * cell[c] + i * lstm_activate(p.activation, gg[c]);
        if (p.cell_clip > 0.0f) v = std::min(p.cell_clip, std::max(-p.cell_clip, v));
        cell[c] = v;
    }
    lstm_gate_float(p, w, lstm_output, x, h, cell, go);  // peephole on the new cell state
    for (int32_t c = 0; c < C; ++c) hidden[c] = lstm_sigmoid(go[c]) * lstm_activate(p.activation, cell[c]);
    if (w.projection_w) {
        for (int32_t o = 0; o < P; ++o) {
            float v = (w.projection_b ? w.projection_b[o] : 0.0f) + lstm_dot(w.projection_w + int64_t(o) * C, hidden, C);
            if (p.proj_clip > 0.0f) v = std::min(p.proj_clip, std::max(-p.proj_clip, v));
            out[o] = v;
        }
    } else {
        std::copy(hidden, hidden + C, out);
    }
    std::copy(out, out + P, h);
}

// input [T,B,I] (time_major) or [B,T,I]; output likewise with output_size; output_state [B,P], cell_state [B,C].
inline void unidirectional_sequence_lstm_float(const lstm_float_params& p, const lstm_float_weights& w,
                                               const float* input, float* output_state, float* cell_state,
                                               float* output, float* scratch) {
    const int64_t B = p.batches, T = p.steps;
    for (int64_t b = 0; b < B; ++b) {
        for (int64_t t = 0; t < T; ++t) {
            const int64_t row = p.time_major ? t * B + b : b * T + t;
            lstm_step_float(p, w, input + row * p.input_size, output_state + b * p.output_size,
                            cell_state + b * p.cells, output + row * p.output_size, scratch);
        }
    }
}

}  // namespace flatnn::reference
