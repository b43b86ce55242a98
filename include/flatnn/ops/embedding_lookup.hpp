#pragma once
// EMBEDDING_LOOKUP: rows of input 1 (the table, rank >= 1) at the int32 ids of input 0 (a vector);
// output [len(ids), value dims 1...]. A byte copy of same-typed rows (the hybrid quantized-table-to-float form is
// not implemented); an id outside the table fails invoke.
#include "flatnn/ops/copy_common.hpp"
#include "flatnn/reference/gather.hpp"

namespace flatnn::ops {

struct embedding_lookup_data : node_data {
    reference::gather_params p;
};

inline status embedding_lookup_invoke(node& n) {
    const auto& p = n.get<embedding_lookup_data>().p;
    const int32_t* ids = n.in(0).data_as<int32_t>();
    const int64_t bad = reference::gather(p, n.in(1).data, ids, n.out(0).data);
    if (bad >= 0)
        return n.fail("ids[" + std::to_string(bad) + "] = " + std::to_string(ids[bad]) + " is outside the table of " +
                      std::to_string(p.axis_size) + " rows");
    return status::ok();
}

inline status prepare_embedding_lookup(node& n) {
    FLATNN_TRY(expect_io(n, 2, 2, 1));
    const tensor& ids = n.in(0);
    const tensor& value = n.in(1);
    tensor& out = n.out(0);
    FLATNN_TRY(expect_type(n, ids, dtype::int32, "ids (input 0)"));
    FLATNN_TRY(expect_rank(n, ids, 1, "ids (input 0)"));
    if (value.type != out.type)
        return n.fail(std::string("output type ") + dtype_name(out.type) + " differs from the table's " +
                      dtype_name(value.type) + " (hybrid lookups are not supported)");
    size_t es = 0;
    FLATNN_TRY(element_size_of(n, value, "value (input 1)", es));
    const int vrank = value.dims.rank();
    if (vrank < 1) return n.fail("value (input 1) is a scalar; it needs rank >= 1");
    out.dims = value.dims;
    out.dims[0] = ids.dims[0];
    auto& p = n.emplace<embedding_lookup_data>().p;
    p.coords = ids.dims[0];
    p.axis_size = value.dims[0];
    p.inner_bytes = size_t(value.dims.flat_size(1, vrank)) * es;
    n.invoke = embedding_lookup_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
