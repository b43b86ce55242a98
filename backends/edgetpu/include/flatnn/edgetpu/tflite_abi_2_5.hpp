#pragma once
// A private mirror of the TensorFlow Lite 2.5 C structures libedgetpu 16.0 was built against (TF commit
// a4dfb8d1a71385bd6d122e4f27f86dcebb96712d), declared from the layout facts of edgetpu.md §2.3: only what the
// custom-op path touches, in its own namespace so it can never collide with a real TFLite. The static_asserts pin
// the x86-64 / aarch64 (LP64) offsets recorded there; another TF commit means another layout and is refused.
#include <cstddef>
#include <cstdint>

namespace flatnn::edgetpu::abi25 {

inline constexpr const char* tensorflow_commit = "a4dfb8d1a71385bd6d122e4f27f86dcebb96712d";

enum : int { ok = 0, error = 1 };  // TfLiteStatus
// TfLiteType values used by Edge TPU models.
enum : int { type_float32 = 1, type_int32 = 2, type_uint8 = 3, type_int16 = 7, type_int8 = 9, type_float16 = 10 };
enum : int { external_context_edgetpu = 2 };
enum : int { allocation_arena_rw = 2 };

struct int_array {
    int size;
    int data[1];  // `size` entries (flexible array in C)
};

struct quantization_params {
    float scale;
    int32_t zero_point;
};

struct context;
struct node;
struct registration;

struct tensor {
    int type;
    void* data;
    int_array* dims;
    quantization_params params;
    int allocation_type;
    size_t bytes;
    const void* allocation;
    const char* name;
    void* delegate;
    int buffer_handle;
    bool data_is_stale;
    bool is_variable;
    struct {
        int type;
        void* params;
    } quantization;
    void* sparsity;
    const int_array* dims_signature;
};

struct external_context {
    int type;
    int (*Refresh)(context*);
};

using report_error_fn = void (*)(context*, const char*, ...);

struct context {
    size_t tensors_size;
    int (*GetExecutionPlan)(context*, int_array**);
    tensor* tensors;
    void* impl_;
    int (*ResizeTensor)(context*, tensor*, int_array*);
    report_error_fn ReportError;
    int (*AddTensors)(context*, int, int*);
    int (*GetNodeAndRegistration)(context*, int, node**, registration**);
    int (*ReplaceNodeSubsetsWithDelegateKernels)(context*, const void*, const int_array*, void*);
    int recommended_num_threads;
    external_context* (*GetExternalContext)(context*, int);
    void (*SetExternalContext)(context*, int, external_context*);
    bool allow_fp32_relax_to_fp16;
    void* profiler;
    void* (*AllocatePersistentBuffer)(context*, size_t);
    int (*AllocateBufferForEval)(context*, size_t, void**);
    int (*RequestScratchBufferInArena)(context*, size_t, int*);
    void* (*GetScratchBuffer)(context*, int);
    int (*ResizeTensorExplicit)(context*, tensor*, int, const int*);
    int (*PreviewDelegatePartitioning)(context*, const int_array*, void**, int*);
    tensor* (*GetTensor)(const context*, int);
    void* (*GetEvalTensor)(const context*, int);
};

struct node {
    int_array* inputs;
    int_array* outputs;
    int_array* intermediates;
    int_array* temporaries;
    void* user_data;
    void* builtin_data;
    const void* custom_initial_data;
    int custom_initial_data_size;
    void* delegate;
};

struct registration {
    void* (*init)(context*, const char* buffer, size_t length);
    void (*free)(context*, void* buffer);
    int (*prepare)(context*, node*);
    int (*invoke)(context*, node*);
    const char* (*profiling_string)(const context*, const node*);
    int32_t builtin_code;
    const char* custom_name;
    int version;
};

struct delegate {
    void* data_;
    int (*Prepare)(context*, delegate*);
    void* CopyFromBufferHandle;
    void* CopyToBufferHandle;
    void* FreeBufferHandle;
    int64_t flags;
};

// edgetpu_c.h
struct edgetpu_device {
    int type;  // 0 PCI, 1 USB
    const char* path;
};
struct edgetpu_option {
    const char* name;
    const char* value;
};

#if defined(__LP64__) || defined(_WIN64)
static_assert(offsetof(context, tensors) == 16 && offsetof(context, ReportError) == 40 &&
                  offsetof(context, GetExternalContext) == 80 && offsetof(context, SetExternalContext) == 88 &&
                  sizeof(context) == 176,
              "TfLiteContext layout differs from TF 2.5");
static_assert(offsetof(tensor, data) == 8 && offsetof(tensor, dims) == 16 && offsetof(tensor, params) == 24 &&
                  offsetof(tensor, allocation_type) == 32 && offsetof(tensor, bytes) == 40 &&
                  offsetof(tensor, name) == 56 && offsetof(tensor, buffer_handle) == 72 && sizeof(tensor) == 112,
              "TfLiteTensor layout differs from TF 2.5");
static_assert(offsetof(node, user_data) == 32 && offsetof(node, custom_initial_data) == 48 && sizeof(node) == 72,
              "TfLiteNode layout differs from TF 2.5");
static_assert(sizeof(registration) == 64, "TfLiteRegistration differs from TF 2.5");
#endif

}  // namespace flatnn::edgetpu::abi25
