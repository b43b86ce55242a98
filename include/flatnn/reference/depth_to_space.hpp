#pragma once
// Reference DEPTH_TO_SPACE and SPACE_TO_DEPTH (NHWC, block b): both are a 6-axis strided view of the input.
#include "flatnn/reference/strided_copy.hpp"

namespace flatnn::reference {

// DEPTH_TO_SPACE: output[n, h·b + i, w·b + j, c] = input[n, h, w, (i·b + j)·C' + c], C' = C / b².
// Walks the output as [N, H, b, W, b, C'].
inline strided_view depth_to_space_view(const shape& in, int32_t b) noexcept {
    const int64_t C = in[3], Cout = C / (int64_t(b) * b), W = in[2], H = in[1];
    strided_view v;
    v.rank = 6;
    const int32_t dims[6] = {in[0], in[1], b, in[2], b, int32_t(Cout)};
    const int64_t strides[6] = {H * W * C, W * C, b * Cout, C, Cout, 1};
    for (int d = 0; d < 6; ++d) v.dims[d] = dims[d], v.stride[d] = strides[d];
    return v;
}

// SPACE_TO_DEPTH: output[n, h, w, (i·b + j)·C + c] = input[n, h·b + i, w·b + j, c].
// Walks the output as [N, H/b, W/b, b, b, C].
inline strided_view space_to_depth_view(const shape& in, int32_t b) noexcept {
    const int64_t C = in[3], W = in[2], H = in[1];
    strided_view v;
    v.rank = 6;
    const int32_t dims[6] = {in[0], in[1] / b, in[2] / b, b, b, in[3]};
    const int64_t strides[6] = {H * W * C, b * W * C, b * C, W * C, C, 1};
    for (int d = 0; d < 6; ++d) v.dims[d] = dims[d], v.stride[d] = strides[d];
    return v;
}

}  // namespace flatnn::reference
