// UNIDIRECTIONAL_SEQUENCE_LSTM beyond one invoke: the output and cell states are variable tensors, so two
// invokes on x must give what one invoke gives on the sequence x then x (same arithmetic, bit for bit). The
// single-invoke results are checked against TensorFlow Lite by the fixtures (tests/data/ops).
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/io/npy.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

std::vector<float> output_floats(interpreter& it) {
    const tensor& t = it.output(0);
    std::vector<float> v(size_t(t.num_elements()));
    std::memcpy(v.data(), t.data, t.bytes);
    return v;
}

}  // namespace

TEST_CASE("UNIDIRECTIONAL_SEQUENCE_LSTM keeps its state between invokes") {
    for (const char* name : {"unidirectional_sequence_lstm_basic_float32",
                             "unidirectional_sequence_lstm_projection_float32"}) {
        CAPTURE(name);
        const std::string dir = test::test_data_dir() + "/ops/" + name;
        auto m = model::from_file(dir + "/model.tflite");
        REQUIRE_MESSAGE(m, m.error().message());
        auto x = npy::load(dir + "/input_0.npy");
        REQUIRE_MESSAGE(x, x.error().message());
        const bool time_major = std::string(name).find("projection") != std::string::npos;  // see lstm.py
        const int64_t d0 = x->shape[0], d1 = x->shape[1], features = x->shape[2];

        interpreter twice(*m);
        REQUIRE(twice.allocate());
        std::memcpy(twice.input(0).data, x->bytes.data(), x->bytes.size());
        REQUIRE(twice.invoke());
        const auto first = output_floats(twice);
        REQUIRE(twice.invoke());
        const auto second = output_floats(twice);
        CHECK(first != second);  // the state moved on

        // The same input twice along the time axis, in one invoke.
        interpreter once(*m);
        const int64_t steps = time_major ? d0 : d1, batches = time_major ? d1 : d0;
        REQUIRE(once.resize_input(0, time_major ? shape{int32_t(2 * steps), int32_t(batches), int32_t(features)}
                                                : shape{int32_t(batches), int32_t(2 * steps), int32_t(features)}));
        REQUIRE(once.allocate());
        const float* src = reinterpret_cast<const float*>(x->bytes.data());
        float* dst = once.input(0).data_as<float>();
        for (int64_t b = 0; b < batches; ++b)
            for (int64_t t = 0; t < 2 * steps; ++t) {
                const int64_t from = time_major ? (t % steps) * batches + b : b * steps + t % steps;
                const int64_t to = time_major ? t * batches + b : b * 2 * steps + t;
                std::memcpy(dst + to * features, src + from * features, size_t(features) * sizeof(float));
            }
        REQUIRE(once.invoke());
        const auto both = output_floats(once);
        const int64_t out = int64_t(first.size()) / (steps * batches);
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
