#pragma once
// ADD_N: sum of one or more inputs of one shape and type; float32 and int32.
#include <string>
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/add_n.hpp"

namespace flatnn::ops {

struct add_n_data : node_data {
    std::vector<const void*> inputs;  // refreshed per invoke (tensor data may move between allocations)
};

template <class T>
inline status add_n_invoke(node& n) {
    auto& d = n.get<add_n_data>();
    for (size_t k = 0; k < n.inputs.size(); ++k) d.inputs[k] = n.in(k).data;
    reference::add_n<T>(n.out(0).num_elements(), reinterpret_cast<const T* const*>(d.inputs.data()), int(n.inputs.size()),
                        n.out(0).data_as<T>());
    return status::ok();
}

inline status prepare_add_n(node& n) {
    const size_t count = n.inputs.size();
    if (count < 1) return n.fail("takes at least 1 input, the model gives 0");
    FLATNN_TRY(expect_io(n, count, count, 1));
    const tensor& first = n.in(0);
    for (size_t k = 1; k < count; ++k) {
        if (n.in(k).type != first.type)
            return n.fail("input " + std::to_string(k) + " has type " + dtype_name(n.in(k).type) + ", input 0 has " +
                          dtype_name(first.type));
        if (n.in(k).dims != first.dims)
            return n.fail("input " + std::to_string(k) + " has shape " + n.in(k).dims.str() + ", input 0 has " +
                          first.dims.str() + " (ADD_N does not broadcast)");
    }
    FLATNN_TRY(output_type_matches_input(n));
    n.out(0).dims = first.dims;
    auto& d = n.emplace<add_n_data>();
    d.inputs.resize(count);
    switch (first.type) {
        case dtype::float32: n.invoke = add_n_invoke<float>; return status::ok();
        case dtype::int32: n.invoke = add_n_invoke<int32_t>; return status::ok();
        default: return n.fail(std::string("input type ") + dtype_name(first.type) + " has no kernel");
    }
}

}  // namespace flatnn::ops
