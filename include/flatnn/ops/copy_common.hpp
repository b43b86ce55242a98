#pragma once
// Helpers shared by the data movement ops (TRANSPOSE, SLICE, TILE, GATHER, PACK, ...): element size checks,
// axis normalization, the quantization rule of ops that copy quantized bytes, and the strided-copy kernel
// that ops expressible as an affine index map install in prepare.
#include <string>
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/strided_copy.hpp"

namespace flatnn::ops {

// Bytes per element of a fixed-size type, or a failure naming the tensor.
inline status element_size_of(const node& n, const tensor& t, const char* role, size_t& es) {
    es = dtype_size(t.type);
    if (es == 0) return n.fail(std::string(role) + " type " + dtype_name(t.type) + " has no kernel");
    return status::ok();
}

// axis in [-rank, rank) -> [0, rank).
inline status normalize_axis(const node& n, int64_t axis, int rank, const char* role, int& out) {
    const int64_t a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank)
        return n.fail(std::string(role) + " " + std::to_string(axis) + " is outside [-" + std::to_string(rank) + ", " +
                      std::to_string(rank) + ")");
    out = int(a);
    return status::ok();
}

// Ops that copy quantized bytes and where TensorFlow Lite demands it: a quantized (int8/uint8/int16) tensor
// must carry the same scale and zero point as the reference tensor.
inline status expect_same_quantization(const node& n, const tensor& t, const char* role, const tensor& ref,
                                       const char* ref_role) {
    if (!is_quantized_type(t.type) || (!t.quantized() && !ref.quantized())) return status::ok();
    if (!t.quantized() || !ref.quantized() || t.scale() != ref.scale() || t.zero_point() != ref.zero_point())
        return n.fail(std::string(role) + " quantization (scale " + std::to_string(t.scale()) + ", zero point " +
                      std::to_string(t.zero_point()) + ") must equal the " + ref_role + "'s (scale " +
                      std::to_string(ref.scale()) + ", zero point " + std::to_string(ref.zero_point()) + ")");
    return status::ok();
}

// Reads a constant input that must hold exactly one integer.
inline status read_const_scalar(const node& n, const tensor& t, const char* role, int64_t& v) {
    std::vector<int64_t> vals;
    FLATNN_TRY(read_const_ints(n, t, role, vals));
    if (vals.size() != 1) return n.fail(std::string(role) + " has " + std::to_string(vals.size()) + " elements, expected 1");
    v = vals[0];
    return status::ok();
}

// The invoke-time failure of index-reading ops (GATHER, GATHER_ND, SCATTER_ND, ...): `what` names the element.
inline status index_out_of_range(const node& n, const std::string& what, int64_t value, int64_t bound) {
    return n.fail(what + " = " + std::to_string(value) + " is outside [0, " + std::to_string(bound) + ")");
}

struct strided_copy_data : node_data {
    reference::strided_view view;
    size_t element_size = 0;
};

inline status strided_copy_invoke(node& n) {
    const auto& d = n.get<strided_copy_data>();
    reference::strided_copy(d.view, d.element_size, n.in(0).data, n.out(0).data);
    return status::ok();
}

// Installs the strided-copy kernel reading input 0 through `v` into output 0.
inline status use_strided_copy(node& n, reference::strided_view v, size_t element_size) {
    reference::simplify(v);
    auto& d = n.emplace<strided_copy_data>();
    d.view = v;
    d.element_size = element_size;
    n.invoke = strided_copy_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
