#pragma once
// The work one invoke of a prepared node asks for: multiply-adds for the ops whose cost grows faster than their
// tensors (convolutions, matrix products, pooling windows, recurrent cells), element operations for the rest. The
// arena cap bounds memory but not compute: a 1 MiB tensor used as a convolution's filter over itself can ask for
// tens of billions of multiply-adds. The interpreter refuses a node above interpreter_options::max_node_work, and
// `flatnn bench` reports GOP/s from the same figure.
#include <algorithm>
#include <cstdint>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/runtime/node.hpp"

namespace flatnn {

namespace detail {
inline double elements(const tensor* t) noexcept { return t ? double(t->num_elements()) : 0.0; }
inline double dim(const tensor& t, int i) noexcept { return i >= 0 && i < t.dims.rank() ? double(t.dims[i]) : 1.0; }
}  // namespace detail

// Multiply-adds, or element operations, of one invoke (an estimate from shapes and options, never negative).
inline double node_work(const node& n) {
    using B = schema::builtin_op;
    using detail::dim;
    using detail::elements;
    double linear = 0;  // every op touches its inputs and outputs at least once
    for (const tensor* t : n.inputs) linear = std::max(linear, elements(t));
    for (const tensor* t : n.outputs) linear = std::max(linear, elements(t));
    if (n.outputs.empty() || !n.op) return linear;
    const double out = elements(n.outputs[0]);
    const bool weights = n.has_input(1);
    switch (B(n.op->code)) {
        case B::conv_2d:  // out x KH x KW x C_in
            if (weights) return std::max(linear, out * dim(n.in(1), 1) * dim(n.in(1), 2) * dim(n.in(1), 3));
            break;
        case B::depthwise_conv_2d:  // out x KH x KW
            if (weights) return std::max(linear, out * dim(n.in(1), 1) * dim(n.in(1), 2));
            break;
        case B::conv_3d:  // filter [KD, KH, KW, C_in, C_out]: out x KD x KH x KW x C_in
            if (weights) {
                const tensor& w = n.in(1);
                return std::max(linear, out * dim(w, 0) * dim(w, 1) * dim(w, 2) * dim(w, 3));
            }
            break;
        case B::fully_connected:  // out x K
            if (weights) return std::max(linear, out * dim(n.in(1), n.in(1).dims.rank() - 1));
            break;
        case B::batch_matmul:  // out x K, K one of the lhs's last two dimensions (adjoint or not)
            if (n.has_input(0)) {
                const tensor& a = n.in(0);
                const int r = a.dims.rank();
                return std::max(linear, out * std::max(dim(a, r - 1), dim(a, r - 2)));
            }
            break;
        case B::transpose_conv:  // filter [C_out, KH, KW, C_in], input 2: input x C_out x KH x KW
            if (weights && n.has_input(2)) {
                const tensor& w = n.in(1);
                return std::max(linear, elements(n.inputs[2]) * dim(w, 0) * dim(w, 1) * dim(w, 2));
            }
            break;
        case B::conv_3d_transpose:  // filter [KD, KH, KW, C_out, C_in], input 2
            if (weights && n.has_input(2)) {
                const tensor& w = n.in(1);
                return std::max(linear, elements(n.inputs[2]) * dim(w, 0) * dim(w, 1) * dim(w, 2) * dim(w, 3));
            }
            break;
        case B::average_pool_2d:
        case B::max_pool_2d:
        case B::l2_pool_2d: {  // out x window, the window clipped to the input
            namespace f = schema::pool2d_options_field;
            if (!n.has_input(0) || n.op->options_type != schema::builtin_options_tag::pool2d_options) break;
            const double fh = std::max(0, ops::option<int32_t>(n, f::filter_height, 0));
            const double fw = std::max(0, ops::option<int32_t>(n, f::filter_width, 0));
            return std::max(linear, out * std::min(fh, dim(n.in(0), 1)) * std::min(fw, dim(n.in(0), 2)));
        }
        case B::local_response_normalization:  // out x window, the window at most the channels
            if (n.has_input(0)) return std::max(linear, out * dim(n.in(0), n.in(0).dims.rank() - 1));
            break;
        case B::lstm:
        case B::unidirectional_sequence_lstm:
        case B::bidirectional_sequence_lstm:
        case B::rnn:
        case B::unidirectional_sequence_rnn:
        case B::bidirectional_sequence_rnn:
        case B::svdf: {  // every weight once per step and batch row: (input rows) x (all other inputs' elements)
            if (!n.has_input(0)) break;
            const tensor& x = n.in(0);
            const double rows = elements(&x) / std::max(1.0, dim(x, x.dims.rank() - 1));
            double others = 0;
            for (size_t i = 1; i < n.inputs.size(); ++i) others += elements(n.inputs[i]);
            return std::max(linear, rows * others);
        }
        default:
            break;
    }
    return linear;
}

}  // namespace flatnn
