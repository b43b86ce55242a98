#pragma once
// Hybrid (dynamic-range) BATCH_MATMUL: float lhs, int8 rhs with one scale, float output. Chosen by
// prepare_batch_matmul when a float32 lhs meets an int8 rhs.
#include <vector>

#include "flatnn/ops/fully_connected_hybrid.hpp"
#include "flatnn/reference/batch_matmul_hybrid.hpp"

namespace flatnn::ops {

struct batch_matmul_hybrid_data : node_data {
    reference::batch_matmul_hybrid_params p;
    std::vector<int8_t> q;
    std::vector<float> row;
    std::vector<reference::hybrid_row_quant> quant;
};

inline status batch_matmul_hybrid_invoke(node& n) {
    auto& d = n.get<batch_matmul_hybrid_data>();
    reference::batch_matmul_hybrid(d.p, n.in(0).data_as<float>(), n.in(1).data_as<int8_t>(), n.out(0).data_as<float>(),
                                   d.q.data(), d.row.data(), d.quant.data());
    return status::ok();
}

// mm: the shapes and strides prepare_batch_matmul computed.
inline status prepare_batch_matmul_hybrid(node& n, const reference::batch_matmul_params& mm, bool asymmetric) {
    const tensor& lhs = n.in(0);
    const tensor& rhs = n.in(1);
    FLATNN_TRY(hybrid_depth_fits(n, mm.K));
    if (!rhs.quantized()) return n.fail("hybrid int8 rhs '" + std::string(rhs.name) + "' has no quantization scale");
    if (rhs.quant->per_channel())
        return n.fail("hybrid rhs '" + std::string(rhs.name) + "' has " + std::to_string(rhs.quant->channels()) +
                      " scales; only one (per tensor) is supported");
    if (!(rhs.scale() > 0.0f) || !std::isfinite(rhs.scale()) || rhs.zero_point() != 0)
        return n.fail("hybrid rhs '" + std::string(rhs.name) + "' needs a positive finite scale and zero point 0");
    const uint64_t elems = uint64_t(lhs.num_elements());
    const uint64_t rows = mm.K > 0 ? elems / uint64_t(mm.K) : 0;
    FLATNN_TRY(check_scratch(n, elems, 1, "quantized lhs"));
    FLATNN_TRY(check_scratch(n, rows, sizeof(reference::hybrid_row_quant), "lhs row scales"));
    const reference::batch_matmul_params g = mm;  // mm may live in the node data replaced below
    auto& d = n.emplace<batch_matmul_hybrid_data>();
    d.p.mm = g;
    d.p.lhs_matrices = g.M > 0 ? int64_t(rows) / g.M : 0;
    d.p.asymmetric = asymmetric;
    d.p.rhs_scale = rhs.scale();
    d.q.assign(size_t(elems), 0);
    d.row.assign(size_t(g.K > 0 ? g.K : 0), 0.0f);
    d.quant.assign(size_t(rows), {});
    n.invoke = batch_matmul_hybrid_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
