// Integer (8x8_16) and hybrid UNIDIRECTIONAL_SEQUENCE_LSTM: malformed models are refused in prepare with the
// op and the tensor named (missing or unquantized intermediates, wrong types, shapes, scales), never run. The
// results against TensorFlow Lite are in the fixtures (tests/data/ops/unidirectional_sequence_lstm_*_int8,
// *_hybrid).
#include <doctest/doctest.h>

#include <functional>
#include <limits>
#include <string>

#include "support/single_op.hpp"

using namespace flatnn;

namespace {

constexpr int8_t t_float32 = 0, t_int32 = 2, t_int16 = 7, t_int8 = 9;
constexpr int32_t op_lstm = 44;

// A one-op integer LSTM: batch 1, 2 steps, 2 inputs, 2 cells, no CIFG / peephole / projection / layer norm.
// Tensors: 0 x, 1..8 weights, 9..12 biases, 13 output state, 14 cell state, 15 output, 16..20 intermediates.
struct lstm_spec {
    test::tb_model tm;
    lstm_spec(bool hybrid = false) {
        tm.opcodes = {{op_lstm, ""}};
        tm.buffers.push_back(test::bytes_of(std::vector<int8_t>(4, 3)));   // 1: int8 [2,2]
        tm.buffers.push_back(test::bytes_of(std::vector<int32_t>(2, 5)));  // 2: int32 [2]
        tm.buffers.push_back(test::bytes_of(std::vector<float>(2, 0.1f)));  // 3: float [2]
        tm.buffers.push_back(test::bytes_of(std::vector<int8_t>(6, 2)));   // 4: int8 [2,3]
        auto q = [](test::tb_tensor t, float scale, int64_t zp) {
            t.scale = {scale};
            t.zero_point = {zp};
            return t;
        };
        const int8_t act_t = hybrid ? t_float32 : t_int8;
        auto& ts = tm.tensors;
        ts.push_back(hybrid ? test::tt({1, 2, 2}, t_float32, 0, "x")
                            : q(test::tt({1, 2, 2}, t_int8, 0, "x"), 0.01f, 0));
        for (int k = 0; k < 8; ++k) ts.push_back(q(test::tt({2, 2}, t_int8, 1, "w" + std::to_string(k)), 0.01f, 0));
        for (int k = 0; k < 4; ++k)
            ts.push_back(hybrid ? test::tt({2}, t_float32, 3, "b" + std::to_string(k))
                                : q(test::tt({2}, t_int32, 2, "b" + std::to_string(k)), 0.0001f, 0));
        test::tb_tensor h = hybrid ? test::tt({1, 2}, t_float32, 0, "h")
                                   : q(test::tt({1, 2}, t_int8, 0, "h"), 1.0f / 128, 0);
        h.is_variable = true;
        ts.push_back(h);
        test::tb_tensor c = hybrid ? test::tt({1, 2}, t_float32, 0, "c")
                                   : q(test::tt({1, 2}, t_int16, 0, "c"), 1.0f / 2048, 0);
        c.is_variable = true;
        ts.push_back(c);
        ts.push_back(hybrid ? test::tt({1, 2, 2}, act_t, 0, "y")
                            : q(test::tt({1, 2, 2}, t_int8, 0, "y"), 1.0f / 128, 0));
        for (int k = 0; k < 4; ++k) ts.push_back(q(test::tt({}, t_int16, 0, "gate" + std::to_string(k)), 0.0003f, 0));
        ts.push_back(q(test::tt({}, t_int8, 0, "hidden"), 1.0f / 128, 0));
        tm.inputs = {0};
        tm.outputs = {15};
        test::tb_op op;
        op.inputs = {0, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, 9, 10, 11, 12, -1, -1, 13, 14, -1, -1, -1, -1};
        op.outputs = {15};
        if (!hybrid) op.intermediates = {16, 17, 18, 19, 20};
        op.options_type = 71;  // UnidirectionalSequenceLSTMOptions
        op.options = [](flatbuffers::FlatBufferBuilder& b) {
            const auto start = b.StartTable();
            b.AddElement<int8_t>(test::vt(0), 4, 0);  // TANH
            return b.EndTable(start);
        };
        tm.ops = {op};
    }
    std::string error(size_t input_bytes = 4) const {
        test::single_op r(tm, {std::vector<uint8_t>(input_bytes, 1)});
        return r.s ? std::string() : r.s.message();
    }
};

}  // namespace

TEST_CASE("integer LSTM: a well-formed model runs") {
    lstm_spec s;
    CHECK(s.error() == "");
    lstm_spec h(true);
    CHECK(h.error(16) == "");
}

TEST_CASE("integer LSTM: malformed models are refused with the tensor named") {
    auto refused = [](const std::function<void(lstm_spec&)>& edit, const char* needle, size_t input_bytes = 4) {
        lstm_spec s;
        edit(s);
        const std::string e = s.error(input_bytes);
        CAPTURE(e);
        CHECK(e.find(needle) != std::string::npos);
        CHECK(e.find("UNIDIRECTIONAL_SEQUENCE_LSTM") != std::string::npos);
    };
    refused([](lstm_spec& s) { s.tm.ops[0].intermediates.clear(); }, "5 intermediates");
    refused([](lstm_spec& s) { s.tm.ops[0].intermediates.pop_back(); }, "5 intermediates");
    refused([](lstm_spec& s) { s.tm.tensors[20].scale.clear(), s.tm.tensors[20].zero_point.clear(); },
            "intermediate 4 has no quantization");
    refused([](lstm_spec& s) { s.tm.tensors[14].type = t_int8; }, "cell_state has type int8, expected int16");
    refused([](lstm_spec& s) { s.tm.tensors[13].type = t_int16; }, "output_state has type int16, expected int8");
    refused([](lstm_spec& s) { s.tm.tensors[10].type = t_float32, s.tm.tensors[10].buffer = 3; },
            "forget_gate_bias has type float32, expected int32");
    refused([](lstm_spec& s) { s.tm.tensors[7].shape = {2, 3}, s.tm.tensors[7].buffer = 4; },
            "recurrent_to_cell_weights has shape [2,3], expected [2,2]");
    refused([](lstm_spec& s) { s.tm.tensors[14].scale = {0.0003f}; }, "not a power of two");
    refused([](lstm_spec& s) { s.tm.tensors[14].scale = {1.0f / 64}; }, "outside [2^-15, 2^-9]");
    refused([](lstm_spec& s) { s.tm.tensors[3].scale = {0.01f, 0.02f}, s.tm.tensors[3].zero_point = {0, 0}; },
            "per-channel");
    refused([](lstm_spec& s) { s.tm.tensors[0].scale.clear(), s.tm.tensors[0].zero_point.clear(); },
            "input has no quantization");
}

TEST_CASE("integer LSTM: an intermediate index outside the subgraph is a load error") {
    lstm_spec s;
    s.tm.ops[0].intermediates = {16, 17, 18, 19, 99};
    const std::string e = s.error();
    CAPTURE(e);
    CHECK(e.find("intermediates[4] = 99") != std::string::npos);
}

TEST_CASE("hybrid LSTM: per-channel or offset weights are refused") {
    lstm_spec s(true);
    s.tm.tensors[2].scale = {0.01f, 0.02f};
    s.tm.tensors[2].zero_point = {0, 0};
    std::string e = s.error(16);
    CAPTURE(e);
    CHECK(e.find("input_to_forget_weights has 2 scales (per-channel)") != std::string::npos);
    lstm_spec z(true);
    z.tm.tensors[5].zero_point = {3};
    e = z.error(16);
    CHECK(e.find("recurrent_to_input_weights has zero point 3") != std::string::npos);
}

TEST_CASE("integer and hybrid LSTM: extreme scales are refused or run, never undefined") {
    const float scales[] = {1e-30f, 1e-7f, 3e5f, 1e30f, std::numeric_limits<float>::infinity(),
                            std::numeric_limits<float>::quiet_NaN(), -1.0f, 0.0f};
    // Every quantized tensor of the integer model (input, weights, biases, states, output, intermediates), and
    // the weights of the hybrid one, one at a time.
    for (bool hybrid : {false, true}) {
        for (size_t t = 0; t < 21; ++t) {
            for (float sc : scales) {
                lstm_spec s(hybrid);
                if (s.tm.tensors[t].scale.empty()) continue;
                s.tm.tensors[t].scale = {sc};
                CAPTURE(t);
                CAPTURE(sc);
                test::single_op r(s.tm, {std::vector<uint8_t>(hybrid ? 16 : 4, 1)});
                CHECK((r.s || !r.s.message().empty()));
            }
        }
    }
}

TEST_CASE("integer LSTM: clips and layer norm with extreme values run within bounds") {
    lstm_spec s;
    s.tm.ops[0].options = [](flatbuffers::FlatBufferBuilder& b) {
        const auto start = b.StartTable();
        b.AddElement<int8_t>(test::vt(0), 4, 0);
        b.AddElement<float>(test::vt(1), 1e30f, 0.0f);  // cell_clip
        b.AddElement<float>(test::vt(2), 1e-30f, 0.0f);  // proj_clip (no projection: unused)
        return b.EndTable(start);
    };
    test::single_op r(s.tm, {std::vector<uint8_t>(4, 0x80)});
    CHECK(r.s);
}
