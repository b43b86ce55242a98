#pragma once
// The default op resolver: every op of registry/op_list.hpp with its reference kernels.
#include "flatnn/ops/abs.hpp"
#include "flatnn/ops/add.hpp"
#include "flatnn/ops/add_n.hpp"
#include "flatnn/ops/arg_max.hpp"
#include "flatnn/ops/arg_min.hpp"
#include "flatnn/ops/assign_variable.hpp"
#include "flatnn/ops/average_pool_2d.hpp"
#include "flatnn/ops/batch_matmul.hpp"
#include "flatnn/ops/batch_to_space_nd.hpp"
#include "flatnn/ops/broadcast_to.hpp"
#include "flatnn/ops/call_once.hpp"
#include "flatnn/ops/cast.hpp"
#include "flatnn/ops/ceil.hpp"
#include "flatnn/ops/concatenation.hpp"
#include "flatnn/ops/conv_2d.hpp"
#include "flatnn/ops/cos.hpp"
#include "flatnn/ops/cumsum.hpp"
#include "flatnn/ops/depth_to_space.hpp"
#include "flatnn/ops/depthwise_conv_2d.hpp"
#include "flatnn/ops/dequantize.hpp"
#include "flatnn/ops/detection_postprocess.hpp"
#include "flatnn/ops/div.hpp"
#include "flatnn/ops/elu.hpp"
#include "flatnn/ops/embedding_lookup.hpp"
#include "flatnn/ops/equal.hpp"
#include "flatnn/ops/exp.hpp"
#include "flatnn/ops/expand_dims.hpp"
#include "flatnn/ops/fill.hpp"
#include "flatnn/ops/floor.hpp"
#include "flatnn/ops/floor_div.hpp"
#include "flatnn/ops/floor_mod.hpp"
#include "flatnn/ops/fully_connected.hpp"
#include "flatnn/ops/gather.hpp"
#include "flatnn/ops/gather_nd.hpp"
#include "flatnn/ops/gelu.hpp"
#include "flatnn/ops/greater.hpp"
#include "flatnn/ops/greater_equal.hpp"
#include "flatnn/ops/hard_swish.hpp"
#include "flatnn/ops/if_.hpp"
#include "flatnn/ops/l2_normalization.hpp"
#include "flatnn/ops/l2_pool_2d.hpp"
#include "flatnn/ops/leaky_relu.hpp"
#include "flatnn/ops/less.hpp"
#include "flatnn/ops/less_equal.hpp"
#include "flatnn/ops/local_response_normalization.hpp"
#include "flatnn/ops/log.hpp"
#include "flatnn/ops/log_softmax.hpp"
#include "flatnn/ops/logical_and.hpp"
#include "flatnn/ops/logical_not.hpp"
#include "flatnn/ops/logical_or.hpp"
#include "flatnn/ops/logistic.hpp"
#include "flatnn/ops/max_pool_2d.hpp"
#include "flatnn/ops/maximum.hpp"
#include "flatnn/ops/mean.hpp"
#include "flatnn/ops/minimum.hpp"
#include "flatnn/ops/mirror_pad.hpp"
#include "flatnn/ops/mul.hpp"
#include "flatnn/ops/neg.hpp"
#include "flatnn/ops/not_equal.hpp"
#include "flatnn/ops/one_hot.hpp"
#include "flatnn/ops/pack.hpp"
#include "flatnn/ops/pad.hpp"
#include "flatnn/ops/padv2.hpp"
#include "flatnn/ops/posenet_decoder.hpp"
#include "flatnn/ops/pow.hpp"
#include "flatnn/ops/prelu.hpp"
#include "flatnn/ops/quantize.hpp"
#include "flatnn/ops/range.hpp"
#include "flatnn/ops/rank.hpp"
#include "flatnn/ops/read_variable.hpp"
#include "flatnn/ops/reduce_any.hpp"
#include "flatnn/ops/reduce_max.hpp"
#include "flatnn/ops/reduce_min.hpp"
#include "flatnn/ops/reduce_prod.hpp"
#include "flatnn/ops/relu.hpp"
#include "flatnn/ops/relu6.hpp"
#include "flatnn/ops/relu_0_to_1.hpp"
#include "flatnn/ops/relu_n1_to_1.hpp"
#include "flatnn/ops/reshape.hpp"
#include "flatnn/ops/resize_bilinear.hpp"
#include "flatnn/ops/resize_nearest_neighbor.hpp"
#include "flatnn/ops/reverse_v2.hpp"
#include "flatnn/ops/round.hpp"
#include "flatnn/ops/rsqrt.hpp"
#include "flatnn/ops/scatter_nd.hpp"
#include "flatnn/ops/select.hpp"
#include "flatnn/ops/select_v2.hpp"
#include "flatnn/ops/shape.hpp"
#include "flatnn/ops/sign.hpp"
#include "flatnn/ops/sin.hpp"
#include "flatnn/ops/slice.hpp"
#include "flatnn/ops/softmax.hpp"
#include "flatnn/ops/space_to_batch_nd.hpp"
#include "flatnn/ops/space_to_depth.hpp"
#include "flatnn/ops/split.hpp"
#include "flatnn/ops/split_v.hpp"
#include "flatnn/ops/sqrt.hpp"
#include "flatnn/ops/square.hpp"
#include "flatnn/ops/squared_difference.hpp"
#include "flatnn/ops/squeeze.hpp"
#include "flatnn/ops/strided_slice.hpp"
#include "flatnn/ops/sub.hpp"
#include "flatnn/ops/sum.hpp"
#include "flatnn/ops/tanh.hpp"
#include "flatnn/ops/tile.hpp"
#include "flatnn/ops/topk_v2.hpp"
#include "flatnn/ops/transpose.hpp"
#include "flatnn/ops/transpose_conv.hpp"
#include "flatnn/ops/unidirectional_sequence_lstm.hpp"
#include "flatnn/ops/unpack.hpp"
#include "flatnn/ops/var_handle.hpp"
#include "flatnn/ops/while_.hpp"
#include "flatnn/ops/zeros_like.hpp"
#include "flatnn/registry/op_list.hpp"
#include "flatnn/registry/op_resolver.hpp"

namespace flatnn {

// Compiled-once mode, for programs with many translation units: every TU that refers to the default resolver
// otherwise compiles all ops' kernels again. Define FLATNN_BUILTIN_OPS_EXTERN for the whole program and
// FLATNN_BUILTIN_OPS_IMPLEMENTATION in exactly one .cpp file: only that file compiles the ops.
#if defined(FLATNN_BUILTIN_OPS_EXTERN) && !defined(FLATNN_BUILTIN_OPS_IMPLEMENTATION)
op_resolver make_builtin_op_resolver();
#else
#if defined(FLATNN_BUILTIN_OPS_IMPLEMENTATION)
#define FLATNN_BUILTIN_OPS_LINKAGE
#else
#define FLATNN_BUILTIN_OPS_LINKAGE inline
#endif
// A resolver with every builtin and custom op flatnn has kernels for; add your own custom ops to a copy.
FLATNN_BUILTIN_OPS_LINKAGE op_resolver make_builtin_op_resolver() {
    op_resolver r;
#define FLATNN_ADD_BUILTIN(NAME, stem, forms) r.add_builtin(schema::builtin_op::stem, &ops::prepare_##stem);
#define FLATNN_ADD_CUSTOM(NAME, stem) r.add_custom(NAME, &ops::prepare_##stem);
    FLATNN_BUILTIN_OP_LIST(FLATNN_ADD_BUILTIN)
    FLATNN_CUSTOM_OP_LIST(FLATNN_ADD_CUSTOM)
#undef FLATNN_ADD_BUILTIN
#undef FLATNN_ADD_CUSTOM
    return r;
}
#undef FLATNN_BUILTIN_OPS_LINKAGE
#endif

inline const op_resolver& builtin_op_resolver() {
    static const op_resolver r = make_builtin_op_resolver();
    return r;
}

}  // namespace flatnn
