// UNIDIRECTIONAL_SEQUENCE_LSTM beyond one invoke: the output and cell states are variable tensors, so two
// invokes on x must give what one invoke gives on the sequence x then x (same arithmetic, bit for bit), in the
// float32, hybrid and integer forms. The single-invoke results are checked against TensorFlow Lite by the
// fixtures (tests/data/ops).
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/io/npy.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

// The output's bytes (float32, or int8 for the integer LSTM).
std::vector<uint8_t> output_bytes(interpreter& it) {
    const tensor& t = it.output(0);
    std::vector<uint8_t> v(t.bytes);
    std::memcpy(v.data(), t.data, t.bytes);
    return v;
}

}  // namespace

TEST_CASE("UNIDIRECTIONAL_SEQUENCE_LSTM keeps its state between invokes") {
    // (name, time_major: see lstm.py) in the three forms
    const std::pair<const char*, bool> cases[] = {
        {"unidirectional_sequence_lstm_basic_float32", false},
        {"unidirectional_sequence_lstm_projection_float32", true},
        {"unidirectional_sequence_lstm_layer_norm_hybrid", false},
        {"unidirectional_sequence_lstm_time_major_asymmetric_hybrid", true},
        {"unidirectional_sequence_lstm_basic_int8", false},
        {"unidirectional_sequence_lstm_projection_int8", true},
        {"unidirectional_sequence_lstm_layer_norm_peephole_int8", false}};
    for (const auto& c : cases) {
        const auto& name = c.first;  // not a structured binding: clang 14 cannot capture those in CAPTURE's lambda
        const bool time_major = c.second;
        CAPTURE(name);
        const std::string dir = test::test_data_dir() + "/ops/" + name;
        auto m = model::from_file(dir + "/model.tflite");
        REQUIRE_MESSAGE(m, m.error().message());
        auto x = npy::load(dir + "/input_0.npy");
        REQUIRE_MESSAGE(x, x.error().message());
        const int64_t d0 = x->shape[0], d1 = x->shape[1], features = x->shape[2];

        interpreter twice(*m);
        REQUIRE(twice.allocate());
        std::memcpy(twice.input(0).data, x->bytes.data(), x->bytes.size());
        REQUIRE(twice.invoke());
        const auto first = output_bytes(twice);
        REQUIRE(twice.invoke());
        const auto second = output_bytes(twice);
        CHECK(first != second);  // the state moved on

        // The same input twice along the time axis, in one invoke.
        interpreter once(*m);
        const int64_t steps = time_major ? d0 : d1, batches = time_major ? d1 : d0;
        REQUIRE(once.resize_input(0, time_major ? shape{int32_t(2 * steps), int32_t(batches), int32_t(features)}
                                                : shape{int32_t(batches), int32_t(2 * steps), int32_t(features)}));
        REQUIRE(once.allocate());
        const size_t elem = x->bytes.size() / size_t(d0 * d1 * features);  // 4 (float32) or 1 (int8)
        const uint8_t* src = x->bytes.data();
        uint8_t* dst = static_cast<uint8_t*>(once.input(0).data);
        for (int64_t b = 0; b < batches; ++b)
            for (int64_t t = 0; t < 2 * steps; ++t) {
                const int64_t from = time_major ? (t % steps) * batches + b : b * steps + t % steps;
                const int64_t to = time_major ? t * batches + b : b * 2 * steps + t;
                std::memcpy(dst + to * features * elem, src + from * features * elem, size_t(features) * elem);
            }
        REQUIRE(once.invoke());
        const auto both = output_bytes(once);
        const int64_t out = int64_t(first.size()) / (steps * batches);  // bytes per output row
        for (int64_t b = 0; b < batches; ++b)
            for (int64_t t = 0; t < 2 * steps; ++t) {
                const auto& half = t < steps ? first : second;
                const int64_t ts = t % steps;
                const int64_t from = time_major ? t * batches + b : b * 2 * steps + t;
                const int64_t to = time_major ? ts * batches + b : b * steps + ts;
                for (int64_t o = 0; o < out; ++o) {
                    CAPTURE(b);
                    CAPTURE(t);
                    REQUIRE(both[size_t(from * out + o)] == half[size_t(to * out + o)]);
                }
            }
    }
}
