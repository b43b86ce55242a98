// UNIDIRECTIONAL_SEQUENCE_LSTM on models built field by field: a one-cell LSTM computed by hand, and the
// prepare checks (each broken model is refused with a message naming the rule).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "support/single_op.hpp"

using namespace flatnn;
using test::raw;
using test::single_op;

namespace {

struct lstm_spec {
    int32_t inputs = 24;        // 24, or 20 in older files
    int omit = -1;              // an input slot written as -1
    bool variable_state = true;
    int8_t input_type = 0;      // FLOAT32
    int32_t recurrent_cols = 1;  // P of the recurrent weights [C, P]
    bool diagonal = false;
    float cell_clip = 0.0f;
};

// B = 1, T = 2, I = 1, C = P = 1; weight of gate g on x: wx[g], on h: wh[g]; biases b[g] (order i, f, g, o).
const float wx[4] = {0.5f, -0.25f, 0.75f, 1.0f}, wh[4] = {0.3f, 0.2f, -0.4f, 0.1f}, bias[4] = {0.1f, 0.6f, -0.2f, 0.05f};

test::tb_model lstm_model(const lstm_spec& s) {
    test::tb_model m;
    m.opcodes = {{44, ""}};
    m.tensors.push_back(test::tt({1, 2, 1}, s.input_type, 0, "x"));
    auto constant = [&](std::vector<int32_t> dims, float v, const char* name) {
        m.buffers.push_back(test::bytes_of(std::vector<float>(size_t(dims[0] * (dims.size() > 1 ? dims[1] : 1)), v)));
        m.tensors.push_back(test::tt(dims, 0, uint32_t(m.buffers.size() - 1), name));
        return int32_t(m.tensors.size() - 1);
    };
    std::vector<int32_t> in(size_t(s.inputs), -1);
    in[0] = 0;
    for (int g = 0; g < 4; ++g) {
        in[size_t(1 + g)] = constant({1, 1}, wx[g], "wx");
        in[size_t(5 + g)] = constant(s.diagonal ? std::vector<int32_t>{1} : std::vector<int32_t>{1, s.recurrent_cols}, wh[g], "wh");
        in[size_t(12 + g)] = constant({1}, bias[g], "b");
    }
    auto state = [&](const char* name) {
        auto t = test::tt({1, 1}, 0, 0, name);
        t.is_variable = s.variable_state || std::string(name) != "cell_state";
        m.tensors.push_back(t);
        return int32_t(m.tensors.size() - 1);
    };
    in[18] = state("output_state");
    in[19] = state("cell_state");
    if (s.omit >= 0) in[size_t(s.omit)] = -1;
    m.tensors.push_back(test::tt({1, 2, 1}, 0, 0, "y"));
    const int32_t y = int32_t(m.tensors.size() - 1);
    test::tb_op op;
    op.inputs = in;
    op.outputs = {y};
    op.options_type = 71;  // UnidirectionalSequenceLSTMOptions
    op.options = [s](flatbuffers::FlatBufferBuilder& b) {
        const auto t = b.StartTable();
        b.AddElement<int8_t>(test::vt(0), 4, 0);  // TANH
        b.AddElement<float>(test::vt(1), s.cell_clip, 0.0f);
        b.AddElement<uint8_t>(test::vt(5), s.diagonal ? 1 : 0, 0);
        return b.EndTable(t);
    };
    m.ops = {op};
    m.inputs = {0};
    // A non-variable cell state passes the loader only as a graph input; prepare must then refuse it.
    if (!s.variable_state) m.inputs.push_back(in[19]);
    m.outputs = {y};
    return m;
}

double sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

}  // namespace

TEST_CASE("UNIDIRECTIONAL_SEQUENCE_LSTM: one cell, two steps, by hand") {
    for (float clip : {0.0f, 0.3f}) {
        CAPTURE(clip);
        lstm_spec s;
        s.cell_clip = clip;
        single_op r(lstm_model(s), {raw<float>({0.8f, -1.5f})});
        REQUIRE_MESSAGE(r.s, r.s.message());
        const auto y = r.out<float>(0);
        double h = 0, c = 0;
        const double x[2] = {0.8, -1.5};
        for (int t = 0; t < 2; ++t) {
            auto pre = [&](int g) { return wx[g] * x[t] + wh[g] * h + bias[g]; };
            c = sigmoid(pre(1)) * c + sigmoid(pre(0)) * std::tanh(pre(2));
            if (clip > 0) c = std::fmin(clip, std::fmax(-clip, c));
            h = sigmoid(pre(3)) * std::tanh(c);
            CHECK(y[size_t(t)] == doctest::Approx(h).epsilon(1e-6));
        }
    }
}

TEST_CASE("UNIDIRECTIONAL_SEQUENCE_LSTM: broken models are refused with the rule") {
    auto refused = [](const lstm_spec& s, const char* what) {
        CAPTURE(what);
        single_op r(lstm_model(s), {raw<float>({0.0f, 0.0f})});
        REQUIRE_FALSE(r.s);
        CHECK_MESSAGE(r.s.message().find(what) != std::string::npos, r.s.message());
    };
    lstm_spec s;
    s.variable_state = false;
    refused(s, "cell_state must be a variable tensor");
    s = {};
    s.omit = 13;
    refused(s, "forget_gate_bias is required");
    s = {};
    s.omit = 5;
    refused(s, "input gate: input_to_input_weights, recurrent_to_input_weights and input_gate_bias");
    s = {};
    s.recurrent_cols = 2;
    refused(s, "recurrent_to_input_weights has shape [1,2], expected [1,1]");
    s = {};
    s.inputs = 23;
    refused(s, "takes 24 inputs (20 in older files), the model gives 23");
    s = {};
    s.diagonal = true;
    refused(s, "diagonal_recurrent_tensors is not supported");
    s = {};
    s.input_type = 9;  // INT8 input with float32 weights: the integer LSTM takes int8 weights
    refused(s, "has type float32, expected int8 (input type int8)");
}
