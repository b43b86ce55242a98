#pragma once
// The default op resolver: every op of registry/op_list.hpp with its reference kernels.
// TEMPORARY while ops are being written: include what exists.
#if __has_include("flatnn/ops/add.hpp")
#include "flatnn/ops/add.hpp"
#define FLATNN_HAVE_ADD 1
#endif
#if __has_include("flatnn/ops/arg_max.hpp")
#include "flatnn/ops/arg_max.hpp"
#define FLATNN_HAVE_ARG_MAX 1
#endif
#if __has_include("flatnn/ops/average_pool_2d.hpp")
#include "flatnn/ops/average_pool_2d.hpp"
#define FLATNN_HAVE_AVERAGE_POOL_2D 1
#endif
#if __has_include("flatnn/ops/concatenation.hpp")
#include "flatnn/ops/concatenation.hpp"
#define FLATNN_HAVE_CONCATENATION 1
#endif
#if __has_include("flatnn/ops/conv_2d.hpp")
#include "flatnn/ops/conv_2d.hpp"
#define FLATNN_HAVE_CONV_2D 1
#endif
#if __has_include("flatnn/ops/depthwise_conv_2d.hpp")
#include "flatnn/ops/depthwise_conv_2d.hpp"
#define FLATNN_HAVE_DEPTHWISE_CONV_2D 1
#endif
#if __has_include("flatnn/ops/dequantize.hpp")
#include "flatnn/ops/dequantize.hpp"
#define FLATNN_HAVE_DEQUANTIZE 1
#endif
#if __has_include("flatnn/ops/detection_postprocess.hpp")
#include "flatnn/ops/detection_postprocess.hpp"
#define FLATNN_HAVE_DETECTION_POSTPROCESS 1
#endif
#if __has_include("flatnn/ops/fully_connected.hpp")
#include "flatnn/ops/fully_connected.hpp"
#define FLATNN_HAVE_FULLY_CONNECTED 1
#endif
#if __has_include("flatnn/ops/logistic.hpp")
#include "flatnn/ops/logistic.hpp"
#define FLATNN_HAVE_LOGISTIC 1
#endif
#if __has_include("flatnn/ops/max_pool_2d.hpp")
#include "flatnn/ops/max_pool_2d.hpp"
#define FLATNN_HAVE_MAX_POOL_2D 1
#endif
#if __has_include("flatnn/ops/mean.hpp")
#include "flatnn/ops/mean.hpp"
#define FLATNN_HAVE_MEAN 1
#endif
#if __has_include("flatnn/ops/mul.hpp")
#include "flatnn/ops/mul.hpp"
#define FLATNN_HAVE_MUL 1
#endif
#if __has_include("flatnn/ops/pad.hpp")
#include "flatnn/ops/pad.hpp"
#define FLATNN_HAVE_PAD 1
#endif
#if __has_include("flatnn/ops/posenet_decoder.hpp")
#include "flatnn/ops/posenet_decoder.hpp"
#define FLATNN_HAVE_POSENET_DECODER 1
#endif
#if __has_include("flatnn/ops/quantize.hpp")
#include "flatnn/ops/quantize.hpp"
#define FLATNN_HAVE_QUANTIZE 1
#endif
#if __has_include("flatnn/ops/reshape.hpp")
#include "flatnn/ops/reshape.hpp"
#define FLATNN_HAVE_RESHAPE 1
#endif
#if __has_include("flatnn/ops/resize_bilinear.hpp")
#include "flatnn/ops/resize_bilinear.hpp"
#define FLATNN_HAVE_RESIZE_BILINEAR 1
#endif
#if __has_include("flatnn/ops/softmax.hpp")
#include "flatnn/ops/softmax.hpp"
#define FLATNN_HAVE_SOFTMAX 1
#endif
#if __has_include("flatnn/ops/split.hpp")
#include "flatnn/ops/split.hpp"
#define FLATNN_HAVE_SPLIT 1
#endif
#if __has_include("flatnn/ops/squeeze.hpp")
#include "flatnn/ops/squeeze.hpp"
#define FLATNN_HAVE_SQUEEZE 1
#endif
#include "flatnn/registry/op_list.hpp"
#include "flatnn/registry/op_resolver.hpp"

namespace flatnn {

// A resolver with every builtin and custom op flatnn has kernels for; add your own custom ops to a copy.
inline op_resolver make_builtin_op_resolver() {
    op_resolver r;
#ifdef FLATNN_HAVE_ADD
    r.add_builtin(schema::builtin_op::add, &ops::prepare_add);
#endif
#ifdef FLATNN_HAVE_ARG_MAX
    r.add_builtin(schema::builtin_op::arg_max, &ops::prepare_arg_max);
#endif
#ifdef FLATNN_HAVE_AVERAGE_POOL_2D
    r.add_builtin(schema::builtin_op::average_pool_2d, &ops::prepare_average_pool_2d);
#endif
#ifdef FLATNN_HAVE_CONCATENATION
    r.add_builtin(schema::builtin_op::concatenation, &ops::prepare_concatenation);
#endif
#ifdef FLATNN_HAVE_CONV_2D
    r.add_builtin(schema::builtin_op::conv_2d, &ops::prepare_conv_2d);
#endif
#ifdef FLATNN_HAVE_DEPTHWISE_CONV_2D
    r.add_builtin(schema::builtin_op::depthwise_conv_2d, &ops::prepare_depthwise_conv_2d);
#endif
#ifdef FLATNN_HAVE_DEQUANTIZE
    r.add_builtin(schema::builtin_op::dequantize, &ops::prepare_dequantize);
#endif
#ifdef FLATNN_HAVE_DETECTION_POSTPROCESS
    r.add_custom("TFLite_Detection_PostProcess", &ops::prepare_detection_postprocess);
#endif
#ifdef FLATNN_HAVE_FULLY_CONNECTED
    r.add_builtin(schema::builtin_op::fully_connected, &ops::prepare_fully_connected);
#endif
#ifdef FLATNN_HAVE_LOGISTIC
    r.add_builtin(schema::builtin_op::logistic, &ops::prepare_logistic);
#endif
#ifdef FLATNN_HAVE_MAX_POOL_2D
    r.add_builtin(schema::builtin_op::max_pool_2d, &ops::prepare_max_pool_2d);
#endif
#ifdef FLATNN_HAVE_MEAN
    r.add_builtin(schema::builtin_op::mean, &ops::prepare_mean);
#endif
#ifdef FLATNN_HAVE_MUL
    r.add_builtin(schema::builtin_op::mul, &ops::prepare_mul);
#endif
#ifdef FLATNN_HAVE_PAD
    r.add_builtin(schema::builtin_op::pad, &ops::prepare_pad);
#endif
#ifdef FLATNN_HAVE_POSENET_DECODER
    r.add_custom("PosenetDecoderOp", &ops::prepare_posenet_decoder);
#endif
#ifdef FLATNN_HAVE_QUANTIZE
    r.add_builtin(schema::builtin_op::quantize, &ops::prepare_quantize);
#endif
#ifdef FLATNN_HAVE_RESHAPE
    r.add_builtin(schema::builtin_op::reshape, &ops::prepare_reshape);
#endif
#ifdef FLATNN_HAVE_RESIZE_BILINEAR
    r.add_builtin(schema::builtin_op::resize_bilinear, &ops::prepare_resize_bilinear);
#endif
#ifdef FLATNN_HAVE_SOFTMAX
    r.add_builtin(schema::builtin_op::softmax, &ops::prepare_softmax);
#endif
#ifdef FLATNN_HAVE_SPLIT
    r.add_builtin(schema::builtin_op::split, &ops::prepare_split);
#endif
#ifdef FLATNN_HAVE_SQUEEZE
    r.add_builtin(schema::builtin_op::squeeze, &ops::prepare_squeeze);
#endif
    return r;
}

inline const op_resolver& builtin_op_resolver() {
    static const op_resolver r = make_builtin_op_resolver();
    return r;
}

}  // namespace flatnn
