#pragma once
// Maps operator codes and custom op names to their prepare functions. A prepare function checks the node,
// infers output shapes, computes parameters and chooses the kernel (node::invoke).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "flatnn/model/tflite_schema_generated.hpp"
#include "flatnn/runtime/node.hpp"

namespace flatnn {

using prepare_fn = status (*)(node&);

class op_resolver {
public:
    op_resolver() {
        for (auto& p : builtin_) p = nullptr;
    }
    void add_builtin(schema::builtin_op code, prepare_fn fn) noexcept { builtin_[int(code)] = fn; }
    void add_custom(std::string name, prepare_fn fn) {
        for (auto& c : custom_)
            if (c.first == name) {
                c.second = fn;
                return;
            }
        custom_.emplace_back(std::move(name), fn);
    }
    prepare_fn find(const operator_info& op) const noexcept {
        if (op.code == int32_t(schema::builtin_op::custom)) {
            for (const auto& c : custom_)
                if (c.first == op.custom_code) return c.second;
            return nullptr;
        }
        return (op.code >= 0 && op.code < schema::builtin_op_count) ? builtin_[op.code] : nullptr;
    }
    bool has_builtin(int32_t code) const noexcept {
        return code >= 0 && code < schema::builtin_op_count && builtin_[code] != nullptr;
    }
    const std::vector<std::pair<std::string, prepare_fn>>& custom_ops() const noexcept { return custom_; }

private:
    prepare_fn builtin_[schema::builtin_op_count];
    std::vector<std::pair<std::string, prepare_fn>> custom_;
};

}  // namespace flatnn
