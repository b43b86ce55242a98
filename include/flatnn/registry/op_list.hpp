#pragma once
// The one list of ops with kernels: BuiltinOperator name and the file stem used by every layer
// (ops/<stem>.hpp, reference/<stem>.hpp, tests). Everything else is generated from it.
#define FLATNN_BUILTIN_OP_LIST(X)              \
    X(ABS, abs)                                \
    X(ADD, add)                                \
    X(ADD_N, add_n)                            \
    X(ARG_MAX, arg_max)                        \
    X(ARG_MIN, arg_min)                        \
    X(AVERAGE_POOL_2D, average_pool_2d)        \
    X(CEIL, ceil)                              \
    X(CONCATENATION, concatenation)            \
    X(CONV_2D, conv_2d)                        \
    X(COS, cos)                                \
    X(DEPTHWISE_CONV_2D, depthwise_conv_2d)    \
    X(DEQUANTIZE, dequantize)                  \
    X(DIV, div)                                \
    X(ELU, elu)                                \
    X(EQUAL, equal)                            \
    X(EXP, exp)                                \
    X(FLOOR, floor)                            \
    X(FLOOR_DIV, floor_div)                    \
    X(FLOOR_MOD, floor_mod)                    \
    X(FULLY_CONNECTED, fully_connected)        \
    X(GELU, gelu)                              \
    X(GREATER, greater)                        \
    X(GREATER_EQUAL, greater_equal)            \
    X(HARD_SWISH, hard_swish)                  \
    X(LEAKY_RELU, leaky_relu)                  \
    X(LESS, less)                              \
    X(LESS_EQUAL, less_equal)                  \
    X(LOG, log)                                \
    X(LOGICAL_AND, logical_and)                \
    X(LOGICAL_NOT, logical_not)                \
    X(LOGICAL_OR, logical_or)                  \
    X(LOGISTIC, logistic)                      \
    X(LOG_SOFTMAX, log_softmax)                \
    X(MAXIMUM, maximum)                        \
    X(MAX_POOL_2D, max_pool_2d)                \
    X(MEAN, mean)                              \
    X(MINIMUM, minimum)                        \
    X(MUL, mul)                                \
    X(NEG, neg)                                \
    X(NOT_EQUAL, not_equal)                    \
    X(PAD, pad)                                \
    X(POW, pow)                                \
    X(PRELU, prelu)                            \
    X(QUANTIZE, quantize)                      \
    X(REDUCE_ANY, reduce_any)                  \
    X(REDUCE_MAX, reduce_max)                  \
    X(REDUCE_MIN, reduce_min)                  \
    X(REDUCE_PROD, reduce_prod)                \
    X(RELU, relu)                              \
    X(RELU6, relu6)                            \
    X(RELU_0_TO_1, relu_0_to_1)                \
    X(RELU_N1_TO_1, relu_n1_to_1)              \
    X(RESHAPE, reshape)                        \
    X(RESIZE_BILINEAR, resize_bilinear)        \
    X(ROUND, round)                            \
    X(RSQRT, rsqrt)                            \
    X(SELECT, select)                          \
    X(SELECT_V2, select_v2)                    \
    X(SIGN, sign)                              \
    X(SIN, sin)                                \
    X(SOFTMAX, softmax)                        \
    X(SPLIT, split)                            \
    X(SQRT, sqrt)                              \
    X(SQUARE, square)                          \
    X(SQUARED_DIFFERENCE, squared_difference)  \
    X(SQUEEZE, squeeze)                        \
    X(SUB, sub)                                \
    X(SUM, sum)                                \
    X(TANH, tanh)

// Custom ops with kernels: the custom_code string and the file stem.
#define FLATNN_CUSTOM_OP_LIST(X)                                   \
    X("TFLite_Detection_PostProcess", detection_postprocess)       \
    X("PosenetDecoderOp", posenet_decoder)
