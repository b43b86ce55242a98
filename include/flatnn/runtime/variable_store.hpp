#pragma once
// Resource variables of one interpreter (shared by the instances of its subgraphs). VAR_HANDLE names a
// variable by (container, shared_name); its resource tensor carries the variable's id as one int32. The type
// and shape are fixed by the first ASSIGN_VARIABLE prepared, and the value storage is sized then, so invoke
// only copies bytes. Prepare also records which resource tensor holds which id, so READ_VARIABLE knows its
// output shape before anything runs.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "flatnn/core/status.hpp"
#include "flatnn/core/tensor.hpp"

namespace flatnn {

class variable_store {
public:
    struct variable {
        std::string container, shared_name;
        bool declared = false;     // type and shape fixed by an ASSIGN_VARIABLE
        dtype type = dtype::float32;
        shape dims;
        std::vector<uint8_t> value;
        bool assigned = false;     // holds a value (set at invoke)
        std::string label() const { return "'" + (container.empty() ? "" : container + "/") + shared_name + "'"; }
    };

    // Forgets everything (a new plan): variables are created again by the VAR_HANDLE ops being prepared.
    void clear() {
        vars_.clear();
        bound_.clear();
    }
    int32_t find_or_add(std::string_view container, std::string_view shared_name) {
        for (size_t i = 0; i < vars_.size(); ++i)
            if (vars_[i].container == container && vars_[i].shared_name == shared_name) return int32_t(i);
        variable v;
        v.container = std::string(container);
        v.shared_name = std::string(shared_name);
        vars_.push_back(std::move(v));
        return int32_t(vars_.size() - 1);
    }
    size_t size() const noexcept { return vars_.size(); }
    variable& at(int32_t id) noexcept { return vars_[size_t(id)]; }

    // Prepare-time map from resource tensors to variable ids (VAR_HANDLE outputs, subgraph inputs fed by them).
    void bind(const tensor* resource, int32_t id) { bound_.emplace_back(resource, id); }
    int32_t bound_id(const tensor* resource) const noexcept {
        for (auto it = bound_.rbegin(); it != bound_.rend(); ++it)
            if (it->first == resource) return it->second;
        return -1;
    }

    // Fixes the variable's type and shape at its first assignment; later ones must agree.
    status declare(int32_t id, dtype type, const shape& dims, uint64_t max_bytes) {
        variable& v = vars_[size_t(id)];
        if (v.declared) {
            if (v.type != type || v.dims != dims)
                return status::error("variable " + v.label() + " is " + dtype_name(v.type) + " " + v.dims.str() +
                                     "; it cannot be assigned a " + dtype_name(type) + " " + dims.str() + " value");
            return status::ok();
        }
        const uint64_t bytes = uint64_t(dims.num_elements()) * dtype_size(type);
        if (dtype_size(type) == 0)
            return status::error("variable " + v.label() + " cannot hold type " + dtype_name(type));
        if (bytes > max_bytes)
            return status::error("variable " + v.label() + " of shape " + dims.str() +
                                 " exceeds the limit of " + std::to_string(max_bytes) +
                                 " bytes (interpreter_options::max_arena_bytes)");
        v.declared = true;
        v.type = type;
        v.dims = dims;
        v.value.assign(size_t(bytes), 0);
        return status::ok();
    }
    // A new arena: variables are unassigned until an ASSIGN_VARIABLE runs (CALL_ONCE's initializer).
    void reset_values() noexcept {
        for (variable& v : vars_) v.assigned = false;
    }

private:
    std::vector<variable> vars_;
    std::vector<std::pair<const tensor*, int32_t>> bound_;
};

}  // namespace flatnn
