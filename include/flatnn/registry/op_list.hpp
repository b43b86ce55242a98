#pragma once
// The one list of ops with kernels: BuiltinOperator name, the file stem used by every layer
// (ops/<stem>.hpp, reference/<stem>.hpp, tests) and the model forms with kernels (f32: float32 model,
// i8: int8 full-integer, u8: uint8 legacy quantized; `all` = the three; namespace flatnn::op_form). Each
// listed form has TensorFlow Lite fixtures in tests/data/ops (tests/registry/test_op_coverage.cpp checks
// the list against the fixture manifest). Everything else is generated from this list.
#define FLATNN_BUILTIN_OP_LIST(X)                                      \
    X(ABS, abs, f32 | i8 | i16)                                        \
    X(ADD, add, all | i16)                                             \
    X(ADD_N, add_n, f32)                                               \
    X(ARG_MAX, arg_max, all)                                           \
    X(ARG_MIN, arg_min, all)                                           \
    X(ASSIGN_VARIABLE, assign_variable, f32 | i8)                      \
    X(AVERAGE_POOL_2D, average_pool_2d, all | i16)                     \
    X(BATCH_MATMUL, batch_matmul, f32 | i8 | i16 | hyb)                \
    X(BATCH_TO_SPACE_ND, batch_to_space_nd, all | i16)                 \
    X(BROADCAST_TO, broadcast_to, all | i16)                           \
    X(CALL_ONCE, call_once, f32 | i8)                                  \
    X(CAST, cast, f32)                                                 \
    X(CEIL, ceil, f32)                                                 \
    X(CONCATENATION, concatenation, all | i16)                         \
    X(CONV_2D, conv_2d, all | i16 | hyb)                                     \
    X(COS, cos, f32)                                                   \
    X(CUMSUM, cumsum, f32)                                             \
    X(DEPTHWISE_CONV_2D, depthwise_conv_2d, all | i16 | hyb)                 \
    X(DEPTH_TO_SPACE, depth_to_space, f32 | u8)                        \
    X(DEQUANTIZE, dequantize, i8 | u8 | f16)                           \
    X(DIV, div, f32 | u8)                                              \
    X(ELU, elu, f32 | i8)                                              \
    X(EMBEDDING_LOOKUP, embedding_lookup, f32)                         \
    X(EQUAL, equal, all)                                               \
    X(EXP, exp, f32 | i8 | i16)                                        \
    X(EXPAND_DIMS, expand_dims, all)                                   \
    X(FILL, fill, f32)                                                 \
    X(FLOOR, floor, f32)                                               \
    X(FLOOR_DIV, floor_div, f32)                                       \
    X(FLOOR_MOD, floor_mod, f32)                                       \
    X(FULLY_CONNECTED, fully_connected, all | i16 | hyb)               \
    X(GATHER, gather, all | i16)                                       \
    X(GATHER_ND, gather_nd, all | i16)                                 \
    X(GELU, gelu, all | i16)                                           \
    X(GREATER, greater, all)                                           \
    X(GREATER_EQUAL, greater_equal, all)                               \
    X(HARD_SWISH, hard_swish, all)                                     \
    X(IF, if_, f32 | i8)                                               \
    X(L2_NORMALIZATION, l2_normalization, all)                         \
    X(L2_POOL_2D, l2_pool_2d, f32)                                     \
    X(LEAKY_RELU, leaky_relu, all | i16)                               \
    X(LESS, less, all)                                                 \
    X(LESS_EQUAL, less_equal, all)                                     \
    X(LOCAL_RESPONSE_NORMALIZATION, local_response_normalization, f32) \
    X(LOG, log, f32 | i8 | i16)                                        \
    X(LOGICAL_AND, logical_and, f32)                                   \
    X(LOGICAL_NOT, logical_not, f32)                                   \
    X(LOGICAL_OR, logical_or, f32)                                     \
    X(LOGISTIC, logistic, all | i16)                                   \
    X(LOG_SOFTMAX, log_softmax, all)                                   \
    X(MAXIMUM, maximum, all | i16)                                     \
    X(MAX_POOL_2D, max_pool_2d, all | i16)                             \
    X(MEAN, mean, all | i16)                                           \
    X(MINIMUM, minimum, all | i16)                                     \
    X(MIRROR_PAD, mirror_pad, all | i16)                               \
    X(MUL, mul, all | i16)                                             \
    X(NEG, neg, f32)                                                   \
    X(NOT_EQUAL, not_equal, all)                                       \
    X(ONE_HOT, one_hot, f32)                                           \
    X(PACK, pack, all | i16)                                           \
    X(PAD, pad, all | i16)                                             \
    X(PADV2, padv2, all)                                               \
    X(POW, pow, f32)                                                   \
    X(PRELU, prelu, all)                                               \
    X(QUANTIZE, quantize, i8 | u8)                                     \
    X(RANGE, range, f32)                                               \
    X(RANK, rank, f32)                                                 \
    X(READ_VARIABLE, read_variable, f32 | i8)                          \
    X(REDUCE_ANY, reduce_any, f32)                                     \
    X(REDUCE_MAX, reduce_max, all | i16)                               \
    X(REDUCE_MIN, reduce_min, all | i16)                               \
    X(REDUCE_PROD, reduce_prod, f32 | i8 | i16)                        \
    X(RELU, relu, all | i16)                                           \
    X(RELU6, relu6, all | i16)                                         \
    X(RELU_0_TO_1, relu_0_to_1, all)                                   \
    X(RELU_N1_TO_1, relu_n1_to_1, all)                                 \
    X(RESHAPE, reshape, all | i16)                                     \
    X(RESIZE_BILINEAR, resize_bilinear, all | i16)                     \
    X(RESIZE_NEAREST_NEIGHBOR, resize_nearest_neighbor, all | i16)     \
    X(REVERSE_V2, reverse_v2, all | i16)                               \
    X(ROUND, round, f32)                                               \
    X(RSQRT, rsqrt, f32 | i8 | i16)                                    \
    X(SCATTER_ND, scatter_nd, f32)                                     \
    X(SELECT, select, f32)                                             \
    X(SELECT_V2, select_v2, f32 | i8)                                  \
    X(SHAPE, shape, f32)                                               \
    X(SIGN, sign, f32)                                                 \
    X(SIN, sin, f32)                                                   \
    X(SLICE, slice, all | i16)                                         \
    X(SOFTMAX, softmax, all | i16)                                     \
    X(SPACE_TO_BATCH_ND, space_to_batch_nd, all | i16)                 \
    X(SPACE_TO_DEPTH, space_to_depth, all)                             \
    X(SPLIT, split, all | i16)                                         \
    X(SPLIT_V, split_v, all | i16)                                     \
    X(SQRT, sqrt, f32 | i8)                                            \
    X(SQUARE, square, f32)                                             \
    X(SQUARED_DIFFERENCE, squared_difference, f32 | i8)                \
    X(SQUEEZE, squeeze, all)                                           \
    X(STRIDED_SLICE, strided_slice, all | i16)                         \
    X(SUB, sub, all | i16)                                             \
    X(SUM, sum, f32 | u8)                                              \
    X(TANH, tanh, all | i16)                                           \
    X(TILE, tile, f32 | u8)                                            \
    X(TOPK_V2, topk_v2, all)                                           \
    X(TRANSPOSE, transpose, all | i16)                                 \
    X(TRANSPOSE_CONV, transpose_conv, all | i16 | hyb)                 \
    X(UNIDIRECTIONAL_SEQUENCE_LSTM, unidirectional_sequence_lstm, f32 | i8 | hyb)\
    X(UNPACK, unpack, all | i16)                                       \
    X(VAR_HANDLE, var_handle, f32 | i8)                                \
    X(WHILE, while_, f32 | i8)                                         \
    X(ZEROS_LIKE, zeros_like, f32)

// Custom ops with kernels: the custom_code string and the file stem.
#define FLATNN_CUSTOM_OP_LIST(X)               \
    X("TFLite_Detection_PostProcess", detection_postprocess)\
    X("PosenetDecoderOp", posenet_decoder)
