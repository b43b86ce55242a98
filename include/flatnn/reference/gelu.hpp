#pragma once
// GELU, exact (0.5·x·erfc(-x/√2), which avoids the cancellation of 1 + erf for large negative x) or the tanh
// approximation, in float as TFLite evaluates them; int8/uint8 go through the table of the same function.
#include <cmath>

namespace flatnn::reference {

struct gelu_fn {
    float operator()(float x) const noexcept { return 0.5f * x * std::erfc(x * -0.70710678118654752440f); }
};

struct gelu_approximate_fn {
    float operator()(float x) const noexcept {
        const float sqrt_2_over_pi = 0.79788456080286535588f;
        return 0.5f * x * (1.0f + std::tanh(sqrt_2_over_pi * (x + 0.044715f * x * x * x)));
    }
};

}  // namespace flatnn::reference
