#pragma once
// The reference backend: runs every node the op resolver knows with the scalar reference kernels, the ground
// truth that every other kernel is tested against. The interpreter always keeps it as the last backend.
#include <string>

#include "flatnn/backend/backend.hpp"
#include "flatnn/registry/op_resolver.hpp"

namespace flatnn {

inline std::string unsupported_reason(const op_resolver& resolver, const node& n) {
    if (resolver.find(*n.op)) return {};
    if (n.op->code == int32_t(schema::builtin_op::custom) && n.op->custom_code == "edgetpu-custom-op")
        return "an Edge TPU node needs an Edge TPU (flatnn::edgetpu::edgetpu_backend with a device); to run on the "
               "CPU, use the model's CPU twin, the same file name without `_edgetpu`";
    if (n.op->code == int32_t(schema::builtin_op::custom))
        return "custom op '" + std::string(n.op->custom_code) +
               "' is not registered (register it with op_resolver::add_custom)";
    return "op " + n.name + " (builtin code " + std::to_string(n.op->code) + ") has no kernel";
}

class reference_backend {
public:
    static constexpr const char* name = "reference";
    explicit reference_backend(const op_resolver& resolver) noexcept : resolver_(&resolver) {}

    bool claims(const node& n) const noexcept { return resolver_->find(*n.op) != nullptr; }
    std::string why_not(const node& n) const { return unsupported_reason(*resolver_, n); }
    status prepare(node& n) {
        const prepare_fn fn = resolver_->find(*n.op);
        if (!fn) return n.fail(why_not(n));
        n.invoke = nullptr;
        FLATNN_TRY(fn(n));
        if (!n.invoke) return n.fail("internal error: prepare chose no kernel");
        return status::ok();
    }
    status invoke(node& n) { return n.invoke(n); }

private:
    const op_resolver* resolver_;
};

}  // namespace flatnn
