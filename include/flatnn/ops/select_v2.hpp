#pragma once
// SELECT_V2: condition ? x : y with the three shapes broadcast together; any fixed-size element type for x and y.
#include <string>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/select.hpp"

namespace flatnn::ops {

struct select_data : node_data {
    reference::select_params p;
};

inline status select_invoke(node& n) {
    reference::select_bytes(n.get<select_data>().p, dtype_size(n.in(1).type), n.in(0).data_as<bool>(), n.in(1).data,
                            n.in(2).data, n.out(0).data);
    return status::ok();
}

// Types shared by SELECT and SELECT_V2: a bool condition, x and y of one fixed-size type, the output of that type.
inline status check_select_types(const node& n) {
    FLATNN_TRY(expect_io(n, 3, 3, 1));
    FLATNN_TRY(expect_type(n, n.in(0), dtype::boolean, "condition (input 0)"));
    if (n.in(1).type != n.in(2).type)
        return n.fail(std::string("x (input 1) has type ") + dtype_name(n.in(1).type) + ", y (input 2) has " +
                      dtype_name(n.in(2).type) + " (both must match)");
    if (dtype_size(n.in(1).type) == 0) return n.fail(std::string("input type ") + dtype_name(n.in(1).type) + " has no kernel");
    return output_type_matches_input(n, 1);
}

inline status prepare_select_v2(node& n) {
    FLATNN_TRY(check_select_types(n));
    auto& d = n.emplace<select_data>();
    const shape* ops[3] = {&n.in(0).dims, &n.in(1).dims, &n.in(2).dims};
    shape out;
    if (!reference::make_select_broadcast(ops, out, d.p))
        return n.fail("shapes " + n.in(0).dims.str() + ", " + n.in(1).dims.str() + " and " + n.in(2).dims.str() +
                      " do not broadcast together");
    n.out(0).dims = out;
    n.invoke = select_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
