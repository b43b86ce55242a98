#pragma once
// The one list of ops with kernels: BuiltinOperator name and the file stem used by every layer
// (ops/<stem>.hpp, reference/<stem>.hpp, tests). Everything else is generated from it.
#define FLATNN_BUILTIN_OP_LIST(X)              \
    X(ADD, add)                                \
    X(ARG_MAX, arg_max)                        \
    X(AVERAGE_POOL_2D, average_pool_2d)        \
    X(BATCH_MATMUL, batch_matmul)              \
    X(BATCH_TO_SPACE_ND, batch_to_space_nd)    \
    X(BROADCAST_TO, broadcast_to)              \
    X(CAST, cast)                              \
    X(CONCATENATION, concatenation)            \
    X(CONV_2D, conv_2d)                        \
    X(CUMSUM, cumsum)                          \
    X(DEPTHWISE_CONV_2D, depthwise_conv_2d)    \
    X(DEPTH_TO_SPACE, depth_to_space)          \
    X(DEQUANTIZE, dequantize)                  \
    X(EMBEDDING_LOOKUP, embedding_lookup)      \
    X(EXPAND_DIMS, expand_dims)                \
    X(FILL, fill)                              \
    X(FULLY_CONNECTED, fully_connected)        \
    X(GATHER, gather)                          \
    X(GATHER_ND, gather_nd)                    \
    X(L2_NORMALIZATION, l2_normalization)      \
    X(L2_POOL_2D, l2_pool_2d)                  \
    X(LOCAL_RESPONSE_NORMALIZATION, local_response_normalization) \
    X(LOGISTIC, logistic)                      \
    X(MAX_POOL_2D, max_pool_2d)                \
    X(MEAN, mean)                              \
    X(MIRROR_PAD, mirror_pad)                  \
    X(MUL, mul)                                \
    X(ONE_HOT, one_hot)                        \
    X(PACK, pack)                              \
    X(PAD, pad)                                \
    X(PADV2, padv2)                            \
    X(QUANTIZE, quantize)                      \
    X(RANGE, range)                            \
    X(RANK, rank)                              \
    X(RESHAPE, reshape)                        \
    X(RESIZE_BILINEAR, resize_bilinear)        \
    X(RESIZE_NEAREST_NEIGHBOR, resize_nearest_neighbor) \
    X(REVERSE_V2, reverse_v2)                  \
    X(SCATTER_ND, scatter_nd)                  \
    X(SHAPE, shape)                            \
    X(SLICE, slice)                            \
    X(SOFTMAX, softmax)                        \
    X(SPACE_TO_BATCH_ND, space_to_batch_nd)    \
    X(SPACE_TO_DEPTH, space_to_depth)          \
    X(SPLIT, split)                            \
    X(SPLIT_V, split_v)                        \
    X(SQUEEZE, squeeze)                        \
    X(STRIDED_SLICE, strided_slice)            \
    X(TILE, tile)                              \
    X(TOPK_V2, topk_v2)                        \
    X(TRANSPOSE, transpose)                    \
    X(TRANSPOSE_CONV, transpose_conv)          \
    X(UNPACK, unpack)                          \
    X(ZEROS_LIKE, zeros_like)

// Custom ops with kernels: the custom_code string and the file stem.
#define FLATNN_CUSTOM_OP_LIST(X)               \
    X("TFLite_Detection_PostProcess", detection_postprocess)\
    X("PosenetDecoderOp", posenet_decoder)
