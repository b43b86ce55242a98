#pragma once
// The one list of ops with kernels: BuiltinOperator name and the file stem used by every layer
// (ops/<stem>.hpp, reference/<stem>.hpp, tests). Everything else is generated from it.
#define FLATNN_BUILTIN_OP_LIST(X)              \
    X(ADD, add)                                \
    X(ARG_MAX, arg_max)                        \
    X(AVERAGE_POOL_2D, average_pool_2d)        \
    X(CONCATENATION, concatenation)            \
    X(CONV_2D, conv_2d)                        \
    X(DEPTHWISE_CONV_2D, depthwise_conv_2d)    \
    X(DEQUANTIZE, dequantize)                  \
    X(FULLY_CONNECTED, fully_connected)        \
    X(LOGISTIC, logistic)                      \
    X(MAX_POOL_2D, max_pool_2d)                \
    X(MEAN, mean)                              \
    X(MUL, mul)                                \
    X(PAD, pad)                                \
    X(QUANTIZE, quantize)                      \
    X(RESHAPE, reshape)                        \
    X(RESIZE_BILINEAR, resize_bilinear)        \
    X(SOFTMAX, softmax)                        \
    X(SPLIT, split)                            \
    X(SQUEEZE, squeeze)

// Custom ops with kernels: the custom_code string and the file stem.
#define FLATNN_CUSTOM_OP_LIST(X)                                   \
    X("TFLite_Detection_PostProcess", detection_postprocess)       \
    X("PosenetDecoderOp", posenet_decoder)
