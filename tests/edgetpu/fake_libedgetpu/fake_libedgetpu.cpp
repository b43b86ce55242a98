// A fake libedgetpu.so.1 written for flatnn's tests: the exported functions the shim uses, reading every TFLite
// structure through the byte offsets edgetpu.md §2.3 records for TF 2.5 (not through flatnn's mirror, so a
// wrong mirror shows up here). Its "inference" writes output byte k = (received input 0)[k % n] + 1, and like the
// real library it writes into the input tensor it is given (it flips int8 sign bits in place; this fake scribbles
// every input), so a shim that passes the caller's buffer is caught.
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#ifndef FAKE_TF_COMMIT
#define FAKE_TF_COMMIT "a4dfb8d1a71385bd6d122e4f27f86dcebb96712d"
#endif

extern "C" __attribute__((used, visibility("default"))) const char fake_libedgetpu_build[] =
    "TENSORFLOW_COMMIT=" FAKE_TF_COMMIT;

namespace {

template <class T>
T at(const void* base, size_t offset) {
    T v;
    std::memcpy(&v, static_cast<const char*>(base) + offset, sizeof v);
    return v;
}
template <class T>
void put(void* base, size_t offset, T v) {
    std::memcpy(static_cast<char*>(base) + offset, &v, sizeof v);
}

// TfLiteContext: tensors @16, ReportError @40, GetExternalContext @80. TfLiteTensor (112 bytes): type @0,
// data @8, dims @16, bytes @40. TfLiteNode: inputs @0, outputs @8, user_data @32.
constexpr size_t ctx_tensors = 16, ctx_report = 40, ctx_get_external = 80;
constexpr size_t tensor_size = 112, t_type = 0, t_data = 8, t_dims = 16, t_bytes = 40, t_name = 56;
constexpr size_t node_inputs = 0, node_outputs = 8, node_user_data = 32;

struct fake_context {
    void* vptr = nullptr;  // EdgeTpuContext is polymorphic: its TfLiteExternalContext base sits at +8
    int type = 0;
    void* refresh = nullptr;
};
fake_context the_context;
struct fake_delegate {
    void* data_;
    void* fns[4];
    int64_t flags;
} the_delegate{&the_context, {}, 0};

struct registration64 {
    void* (*init)(void*, const char*, size_t);
    void (*free)(void*, void*);
    int (*prepare)(void*, void*);
    int (*invoke)(void*, void*);
    void* profiling_string;
    int32_t builtin_code;
    const char* custom_name;
    int version;
};
static_assert(sizeof(registration64) == 64, "TF 2.5 registration is 64 bytes");

struct user_data {
    std::vector<char> options;
};

struct stats {
    int inits = 0, prepares = 0, invokes = 0, frees = 0;
    size_t options_bytes = 0;
    int context_checks_failed = 0;
} the_stats;

void report(void* ctx, const char* msg) {
    using fn = void (*)(void*, const char*, ...);
    at<fn>(ctx, ctx_report)(ctx, "%s", msg);
}

bool context_ok(void* ctx) {
    using fn = void* (*)(void*, int);
    void* ext = at<fn>(ctx, ctx_get_external)(ctx, 2);
    if (ext != reinterpret_cast<char*>(&the_context) + 8) {
        ++the_stats.context_checks_failed;
        report(ctx, "fake libedgetpu: GetExternalContext(kTfLiteEdgeTpuContext) is not the delegate's data_ + 8");
        return false;
    }
    return true;
}

void* tensor_at(void* ctx, int index) { return at<char*>(ctx, ctx_tensors) + size_t(index) * tensor_size; }
int array_size(const void* a) { return at<int>(a, 0); }
int array_item(const void* a, int i) { return at<int>(a, 4 + 4 * size_t(i)); }

void* op_init(void*, const char* buffer, size_t length) {
    ++the_stats.inits;
    the_stats.options_bytes = length;
    auto* u = new user_data;
    u->options.assign(buffer, buffer + length);
    return u;
}
void op_free(void*, void* p) {
    ++the_stats.frees;
    delete static_cast<user_data*>(p);
}
int op_prepare(void* ctx, void* node) {
    ++the_stats.prepares;
    if (!context_ok(ctx)) return 1;
    if (!at<void*>(node, node_user_data)) return report(ctx, "fake libedgetpu: node has no user_data"), 1;
    const void* ins = at<void*>(node, node_inputs);
    const void* outs = at<void*>(node, node_outputs);
    for (const void* list : {ins, outs})
        for (int i = 0; i < array_size(list); ++i) {
            void* t = tensor_at(ctx, array_item(list, i));
            const int type = at<int>(t, t_type);
            if (type != 3 && type != 9) return report(ctx, "fake libedgetpu: tensor is not uint8/int8"), 1;
            const void* dims = at<void*>(t, t_dims);
            size_t elements = 1;
            for (int d = 0; d < array_size(dims); ++d) elements *= size_t(array_item(dims, d));
            if (elements != at<size_t>(t, t_bytes)) return report(ctx, "fake libedgetpu: bytes != product of dims"), 1;
            const char* name = at<const char*>(t, t_name);
            if (!name || !*name) return report(ctx, "fake libedgetpu: tensor without a name"), 1;
        }
    return 0;
}
int op_invoke(void* ctx, void* node) {
    ++the_stats.invokes;
    if (!context_ok(ctx)) return 1;
    const void* ins = at<void*>(node, node_inputs);
    const void* outs = at<void*>(node, node_outputs);
    void* in0 = tensor_at(ctx, array_item(ins, 0));
    auto* src = at<uint8_t*>(in0, t_data);
    const size_t n = at<size_t>(in0, t_bytes);
    for (int o = 0; o < array_size(outs); ++o) {
        void* t = tensor_at(ctx, array_item(outs, o));
        auto* dst = at<uint8_t*>(t, t_data);
        const size_t bytes = at<size_t>(t, t_bytes);
        for (size_t k = 0; k < bytes; ++k) dst[k] = uint8_t(src[k % n] + 1);
    }
    for (int i = 0; i < array_size(ins); ++i) {  // the real library flips int8 inputs in place
        void* t = tensor_at(ctx, array_item(ins, i));
        std::memset(at<void*>(t, t_data), 0xEE, at<size_t>(t, t_bytes));
    }
    return 0;
}
registration64 the_registration{op_init, op_free, op_prepare, op_invoke, nullptr, 32, "edgetpu-custom-op", 1};

}  // namespace

extern "C" {
struct fake_device {
    int type;
    const char* path;
};
__attribute__((visibility("default"))) fake_device* edgetpu_list_devices(size_t* n) {
    auto* d = static_cast<fake_device*>(std::malloc(sizeof(fake_device)));
    d[0] = fake_device{1, "/sys/bus/usb/devices/fake-1"};
    *n = 1;
    return d;
}
__attribute__((visibility("default"))) void edgetpu_free_devices(fake_device* d) { std::free(d); }
__attribute__((visibility("default"))) void* edgetpu_create_delegate(int type, const char* name, const void*, size_t) {
    if (type != 1 || !name || std::strcmp(name, "/sys/bus/usb/devices/fake-1") != 0) return nullptr;
    return &the_delegate;
}
__attribute__((visibility("default"))) void edgetpu_free_delegate(void*) {}
__attribute__((visibility("default"))) const char* edgetpu_version() { return "BuildLabel(fake), RuntimeVersion(14)"; }
__attribute__((visibility("default"))) const stats* fake_libedgetpu_stats() { return &the_stats; }
}

// The mangled name does not include the return type: _ZN7edgetpu16RegisterCustomOpEv as in the real library.
namespace edgetpu {
__attribute__((visibility("default"))) void* RegisterCustomOp() { return &the_registration; }
}  // namespace edgetpu
