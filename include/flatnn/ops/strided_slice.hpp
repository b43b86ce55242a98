#pragma once
// STRIDED_SLICE: begin, end and strides are constant vectors (int32 or int64) of equal length; the masks come
// from StridedSliceOptions (see reference/strided_slice.hpp). A byte copy for any element type.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/strided_slice.hpp"

namespace flatnn::ops {

inline status prepare_strided_slice(node& n) {
    namespace f = schema::strided_slice_options_field;
    FLATNN_TRY(expect_io(n, 4, 4, 1));
    FLATNN_TRY(expect_options(n, schema::builtin_options_tag::strided_slice_options));
    const tensor& in = n.in(0);
    tensor& out = n.out(0);
    FLATNN_TRY(output_type_matches_input(n));
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, in, "input", es));
    std::vector<int64_t> begin, end, strides;
    FLATNN_TRY(read_const_ints(n, n.in(1), "begin (input 1)", begin));
    FLATNN_TRY(read_const_ints(n, n.in(2), "end (input 2)", end));
    FLATNN_TRY(read_const_ints(n, n.in(3), "strides (input 3)", strides));
    if (begin.size() != end.size() || begin.size() != strides.size())
        return n.fail("begin, end and strides have " + std::to_string(begin.size()) + ", " + std::to_string(end.size()) +
                      " and " + std::to_string(strides.size()) + " elements; they must be equal");
    if (option<bool>(n, f::offset, false))
        return n.fail("offset = true (end relative to begin) is not supported");
    reference::strided_slice_spec sp;
    sp.count = int(begin.size());
    sp.begin = begin.data();
    sp.end = end.data();
    sp.strides = strides.data();
    sp.begin_mask = option<int32_t>(n, f::begin_mask, 0);
    sp.end_mask = option<int32_t>(n, f::end_mask, 0);
    sp.ellipsis_mask = option<int32_t>(n, f::ellipsis_mask, 0);
    sp.new_axis_mask = option<int32_t>(n, f::new_axis_mask, 0);
    sp.shrink_axis_mask = option<int32_t>(n, f::shrink_axis_mask, 0);
    reference::strided_view v;
    if (const char* why = reference::strided_slice_plan(in.dims, sp, v, out.dims))
        return n.fail(std::string(why) + " (input " + in.dims.str() + ")");
    return use_strided_copy(n, v, es);
}

}  // namespace flatnn::ops
