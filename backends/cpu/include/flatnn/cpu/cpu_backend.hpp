#pragma once
// The CPU backend. It claims every node the op resolver has a kernel for and, for now, runs the reference
// kernels; SIMD kernels (xsimd) replace them per op and dtype as they arrive, chosen in prepare.
#include <string>

#include "flatnn/backend/backend.hpp"
#include "flatnn/backend/reference_backend.hpp"
#include "flatnn/registry/builtin_ops.hpp"

namespace flatnn {

class cpu_backend {
public:
    static constexpr const char* name = "cpu";
    explicit cpu_backend(const op_resolver& resolver = builtin_op_resolver()) noexcept : reference_(resolver) {}

    bool claims(const node& n) const noexcept { return reference_.claims(n); }
    std::string why_not(const node& n) const { return reference_.why_not(n); }
    status prepare(node& n) { return reference_.prepare(n); }
    status invoke(node& n) { return n.invoke(n); }

private:
    reference_backend reference_;
};

static_assert(is_backend<cpu_backend>::value, "cpu_backend must implement the backend trait");

}  // namespace flatnn
