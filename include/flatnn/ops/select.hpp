#pragma once
// SELECT (v1): condition ? x : y where x and y have one shape and the condition has that shape too, or is a vector
// choosing whole slices along the first axis (as TFLite); any fixed-size element type.
#include "flatnn/ops/select_v2.hpp"

namespace flatnn::ops {

inline status prepare_select(node& n) {
    FLATNN_TRY(check_select_types(n));
    const shape& c = n.in(0).dims;
    const shape& x = n.in(1).dims;
    if (x != n.in(2).dims) return n.fail("x " + x.str() + " and y " + n.in(2).dims.str() + " must have one shape");
    auto& d = n.emplace<select_data>();
    shape out;
    const bool rank_one = c.rank() == 1 && x.rank() > 1 && c[0] == x[0];
    const shape* ops[3] = {rank_one ? &x : &c, &x, &x};
    if (!rank_one && c != x)
        return n.fail("condition " + c.str() + " must have the shape of x " + x.str() +
                      " or be a vector as long as its first dimension");
    reference::make_select_broadcast(ops, out, d.p);
    if (rank_one) {  // the condition steps along axis 0 only
        for (int i = 0; i < d.p.rank; ++i) d.p.stride[0][i] = 0;
        d.p.stride[0][0] = 1;
    }
    n.out(0).dims = x;
    n.invoke = select_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
