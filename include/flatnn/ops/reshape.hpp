#pragma once
// RESHAPE: the target shape comes from input 1 when it is an int32 vector, else from ReshapeOptions.new_shape
// (`[0]` meaning a scalar), as TFLite chooses. One -1 is inferred from the element count.
// A computed shape tensor (SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE, as the converter emits for a None batch)
// usually depends on shapes and constants only: the interpreter then evaluated it at prepare
// (tensor::known) and the output is planned from those values, as TFLite's resize at invoke would give. A shape
// that depends on values known only at invoke (graph inputs, data) cannot be planned: the model's stored output
// shape is used when it holds the input's elements. Either way invoke resolves the shape computed at run time and
// fails, naming both, where it differs from the plan, instead of running downstream ops on a wrong shape.
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/reshape.hpp"

namespace flatnn::ops {

inline status reshape_invoke(node& n) {
    reference::copy_bytes(n.in(0).data, size_t(n.in(0).num_elements()) * dtype_size(n.in(0).type), n.out(0).data);
    return status::ok();
}

// Resolves one -1 and checks the element count (TFLite's ResolveOutputShape).
// Allocates only to report an error (it also runs at invoke).
inline status resolve_reshape(const node& n, const shape& in, const int64_t* want, size_t count, shape& out) {
    if (count > size_t(shape::max_rank))
        return n.fail("target shape has " + std::to_string(count) + " dimensions, at most " +
                      std::to_string(shape::max_rank) + " are supported");
    const int64_t in_count = in.num_elements();
    int64_t known = 1, known_nonzero = 1, in_nonzero = 1;
    for (int i = 0; i < in.rank(); ++i)
        if (in[i] != 0) in_nonzero *= in[i];
    int stretch = -1;
    out = shape{};
    for (size_t i = 0; i < count; ++i) {
        const int64_t v = want[i];
        if (v == -1) {
            if (stretch >= 0) return n.fail("target shape has more than one -1 (dimensions " + std::to_string(stretch) + " and " + std::to_string(i) + ")");
            stretch = int(i);
            out.push_back(0);
            continue;
        }
        if (v < 0 || v > INT32_MAX)
            return n.fail("target shape dimension " + std::to_string(i) + " is " + std::to_string(v));
        if (v != 0) {
            if (known_nonzero > (int64_t(1) << 40) / v) return n.fail("target shape element count overflows");
            known_nonzero *= v;
        }
        known *= v;
        out.push_back(int32_t(v));
    }
    if (stretch >= 0) {
        const int64_t inferred = (in_count == 0 && known != 0) ? 0 : in_nonzero / known_nonzero;
        if (inferred > INT32_MAX) return n.fail("inferred dimension overflows int32");
        out[stretch] = int32_t(inferred);
        known *= inferred;
    }
    if (known != in_count)
        return n.fail("input " + in.str() + " has " + std::to_string(in_count) + " elements, the target shape " +
                      out.str() + " has " + std::to_string(known));
    return status::ok();
}

// The shape operand computed at run time must resolve to the planned output shape.
inline status reshape_invoke_computed_shape(node& n) {
    const tensor& s = n.in(1);
    const int64_t count = s.num_elements();
    if (count > int64_t(shape::max_rank))
        return n.fail("shape (input 1) computed at run time has " + std::to_string(count) + " dimensions, at most " +
                      std::to_string(shape::max_rank) + " are supported");
    int64_t want[shape::max_rank] = {};
    for (int64_t i = 0; i < count; ++i) want[i] = s.data_as<int32_t>()[i];
    shape resolved;
    FLATNN_TRY(resolve_reshape(n, n.in(0).dims, want, size_t(count), resolved));
    if (resolved != n.out(0).dims) {
        if (s.known)  // planned from the values computed at prepare: they must not change at invoke
            return n.fail("shape (input 1) computed at run time gives " + resolved.str() + ", but prepare computed " +
                          n.out(0).dims.str() + " from shapes and constants");
        return n.fail("shape (input 1) depends on values known only at invoke: it gives " + resolved.str() +
                      ", but the output was planned as " + n.out(0).dims.str() +
                      " (the model's stored shape; flatnn plans shapes before invoke and cannot resize a RESHAPE "
                      "output at invoke as TensorFlow Lite does)");
    }
    return reshape_invoke(n);
}

inline status prepare_reshape(node& n) {
    namespace f = schema::reshape_options_field;
    FLATNN_TRY(expect_io(n, 1, 2, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::reshape_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    if (dtype_size(in.type) == 0) return n.fail(std::string("input type ") + dtype_name(in.type) + " has no kernel");
    std::vector<int64_t> want;
    const bool shape_tensor = n.has_input(1) && n.in(1).dims.rank() == 1 && n.in(1).type == dtype::int32;
    if (shape_tensor && !values_at_prepare(n.in(1))) {
        // Values known only at invoke: trust the file's output shape when it holds exactly the input's elements.
        if (out.dims.num_elements() != in.num_elements())
            return n.fail("shape (input 1) depends on values known only at invoke (tensor " +
                          std::to_string(n.in(1).index) + " '" + std::string(n.in(1).name) +
                          "' is not computed from shapes and constants alone), and the model's stored output shape " +
                          out.dims.str() + " does not hold the " + std::to_string(in.num_elements()) +
                          " input elements: flatnn plans shapes before invoke and cannot resize it at invoke as "
                          "TensorFlow Lite does");
        n.invoke = reshape_invoke_computed_shape;
        return status::ok();
    }
    if (shape_tensor) {
        FLATNN_TRY(read_const_ints(n, n.in(1), "shape (input 1)", want));
    } else if (n.op->options.valid() && n.op->options_type == schema::builtin_options_tag::reshape_options) {
        const auto v = n.op->options.vector<int32_t>(f::new_shape);
        for (uint32_t i = 0; i < v.size(); ++i) want.push_back(v[i]);
        if (want.size() == 1 && want[0] == 0) want.clear();  // legacy spelling of a scalar
    }
    shape resolved;
    FLATNN_TRY(resolve_reshape(n, in.dims, want.data(), want.size(), resolved));
    out.dims = resolved;
    // Computed at prepare: still checked against the values the graph computes at invoke (a safety net).
    n.invoke = shape_tensor && !n.in(1).is_constant ? reshape_invoke_computed_shape : reshape_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
