#pragma once
// The default op resolver: every op of registry/op_list.hpp with its reference kernels.
#include "flatnn/ops/add.hpp"
#include "flatnn/ops/arg_max.hpp"
#include "flatnn/ops/average_pool_2d.hpp"
#include "flatnn/ops/batch_matmul.hpp"
#include "flatnn/ops/batch_to_space_nd.hpp"
#include "flatnn/ops/broadcast_to.hpp"
#include "flatnn/ops/cast.hpp"
#include "flatnn/ops/concatenation.hpp"
#include "flatnn/ops/conv_2d.hpp"
#include "flatnn/ops/cumsum.hpp"
#include "flatnn/ops/depth_to_space.hpp"
#include "flatnn/ops/depthwise_conv_2d.hpp"
#include "flatnn/ops/dequantize.hpp"
#include "flatnn/ops/detection_postprocess.hpp"
#include "flatnn/ops/embedding_lookup.hpp"
#include "flatnn/ops/expand_dims.hpp"
#include "flatnn/ops/fill.hpp"
#include "flatnn/ops/fully_connected.hpp"
#include "flatnn/ops/gather.hpp"
#include "flatnn/ops/gather_nd.hpp"
#include "flatnn/ops/l2_normalization.hpp"
#include "flatnn/ops/l2_pool_2d.hpp"
#include "flatnn/ops/local_response_normalization.hpp"
#include "flatnn/ops/logistic.hpp"
#include "flatnn/ops/max_pool_2d.hpp"
#include "flatnn/ops/mean.hpp"
#include "flatnn/ops/mirror_pad.hpp"
#include "flatnn/ops/mul.hpp"
#include "flatnn/ops/one_hot.hpp"
#include "flatnn/ops/pack.hpp"
#include "flatnn/ops/pad.hpp"
#include "flatnn/ops/padv2.hpp"
#include "flatnn/ops/posenet_decoder.hpp"
#include "flatnn/ops/quantize.hpp"
#include "flatnn/ops/range.hpp"
#include "flatnn/ops/rank.hpp"
#include "flatnn/ops/reshape.hpp"
#include "flatnn/ops/resize_bilinear.hpp"
#include "flatnn/ops/resize_nearest_neighbor.hpp"
#include "flatnn/ops/reverse_v2.hpp"
#include "flatnn/ops/scatter_nd.hpp"
#include "flatnn/ops/shape.hpp"
#include "flatnn/ops/slice.hpp"
#include "flatnn/ops/softmax.hpp"
#include "flatnn/ops/space_to_batch_nd.hpp"
#include "flatnn/ops/space_to_depth.hpp"
#include "flatnn/ops/split.hpp"
#include "flatnn/ops/split_v.hpp"
#include "flatnn/ops/squeeze.hpp"
#include "flatnn/ops/strided_slice.hpp"
#include "flatnn/ops/tile.hpp"
#include "flatnn/ops/topk_v2.hpp"
#include "flatnn/ops/transpose.hpp"
#include "flatnn/ops/transpose_conv.hpp"
#include "flatnn/ops/unpack.hpp"
#include "flatnn/ops/zeros_like.hpp"
#include "flatnn/registry/op_list.hpp"
#include "flatnn/registry/op_resolver.hpp"

namespace flatnn {

// A resolver with every builtin and custom op flatnn has kernels for; add your own custom ops to a copy.
inline op_resolver make_builtin_op_resolver() {
    op_resolver r;
#define FLATNN_ADD_BUILTIN(NAME, stem) r.add_builtin(schema::builtin_op::stem, &ops::prepare_##stem);
#define FLATNN_ADD_CUSTOM(NAME, stem) r.add_custom(NAME, &ops::prepare_##stem);
    FLATNN_BUILTIN_OP_LIST(FLATNN_ADD_BUILTIN)
    FLATNN_CUSTOM_OP_LIST(FLATNN_ADD_CUSTOM)
#undef FLATNN_ADD_BUILTIN
#undef FLATNN_ADD_CUSTOM
    return r;
}

inline const op_resolver& builtin_op_resolver() {
    static const op_resolver r = make_builtin_op_resolver();
    return r;
}

}  // namespace flatnn
