#pragma once
// The default op resolver: every op of registry/op_list.hpp with its reference kernels.
#include "flatnn/ops/abs.hpp"
#include "flatnn/ops/add.hpp"
#include "flatnn/ops/add_n.hpp"
#include "flatnn/ops/arg_max.hpp"
#include "flatnn/ops/arg_min.hpp"
#include "flatnn/ops/average_pool_2d.hpp"
#include "flatnn/ops/ceil.hpp"
#include "flatnn/ops/concatenation.hpp"
#include "flatnn/ops/conv_2d.hpp"
#include "flatnn/ops/cos.hpp"
#include "flatnn/ops/depthwise_conv_2d.hpp"
#include "flatnn/ops/dequantize.hpp"
#include "flatnn/ops/detection_postprocess.hpp"
#include "flatnn/ops/div.hpp"
#include "flatnn/ops/elu.hpp"
#include "flatnn/ops/equal.hpp"
#include "flatnn/ops/exp.hpp"
#include "flatnn/ops/floor.hpp"
#include "flatnn/ops/floor_div.hpp"
#include "flatnn/ops/floor_mod.hpp"
#include "flatnn/ops/fully_connected.hpp"
#include "flatnn/ops/gelu.hpp"
#include "flatnn/ops/greater.hpp"
#include "flatnn/ops/greater_equal.hpp"
#include "flatnn/ops/hard_swish.hpp"
#include "flatnn/ops/leaky_relu.hpp"
#include "flatnn/ops/less.hpp"
#include "flatnn/ops/less_equal.hpp"
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
#include "flatnn/ops/mul.hpp"
#include "flatnn/ops/neg.hpp"
#include "flatnn/ops/not_equal.hpp"
#include "flatnn/ops/pad.hpp"
#include "flatnn/ops/posenet_decoder.hpp"
#include "flatnn/ops/pow.hpp"
#include "flatnn/ops/prelu.hpp"
#include "flatnn/ops/quantize.hpp"
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
#include "flatnn/ops/round.hpp"
#include "flatnn/ops/rsqrt.hpp"
#include "flatnn/ops/select.hpp"
#include "flatnn/ops/select_v2.hpp"
#include "flatnn/ops/sign.hpp"
#include "flatnn/ops/sin.hpp"
#include "flatnn/ops/softmax.hpp"
#include "flatnn/ops/split.hpp"
#include "flatnn/ops/sqrt.hpp"
#include "flatnn/ops/square.hpp"
#include "flatnn/ops/squared_difference.hpp"
#include "flatnn/ops/squeeze.hpp"
#include "flatnn/ops/sub.hpp"
#include "flatnn/ops/sum.hpp"
#include "flatnn/ops/tanh.hpp"
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
