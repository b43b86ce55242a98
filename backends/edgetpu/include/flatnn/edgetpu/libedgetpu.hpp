#pragma once
// Runs Edge TPU nodes through the user's libedgetpu.so.1 (edgetpu.md §6 design (a), flow B): the library is
// loaded with dlopen, the TensorFlow commit embedded in it is checked against the ABI this file mirrors
// (tflite_abi_2_5.hpp), a delegate is created only to obtain its Edge TPU context, and each node is driven through
// the registration RegisterCustomOp() returns (init with the custom options, prepare, invoke), over hand-built TF
// structs. The library flips int8 inputs in place, so it is given a copy of every input.
#if __has_include(<dlfcn.h>)  // POSIX dynamic loading; elsewhere this header declares nothing
#include <dlfcn.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "flatnn/backend/backend.hpp"
#include "flatnn/edgetpu/edgetpu_backend.hpp"
#include "flatnn/edgetpu/tflite_abi_2_5.hpp"

namespace flatnn::edgetpu {

struct libedgetpu_options {
    // Tried in order; a name without '/' is looked up the way dlopen does (LD_LIBRARY_PATH, system dirs).
    std::vector<std::string> paths = {"libedgetpu.so.1"};
    std::string device;       // "", "usb", "usb:N", "pci", "pci:N"
    std::string model_path;   // for the CPU-twin suggestion in errors
};

namespace detail {

// The TensorFlow commit embedded in a library file ("TENSORFLOW_COMMIT=<40 hex>"), or empty.
inline std::string embedded_tf_commit(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string key = "TENSORFLOW_COMMIT=";
    const size_t at = bytes.find(key);
    if (at == std::string::npos || at + key.size() + 40 > bytes.size()) return {};
    return bytes.substr(at + key.size(), 40);
}

// Where dlopen found the library (the file whose commit is checked).
inline std::string loaded_file(void* handle, const char* symbol) {
    Dl_info info{};
    void* sym = ::dlsym(handle, symbol);
    if (sym && ::dladdr(sym, &info) && info.dli_fname) return info.dli_fname;
    return {};
}

}  // namespace detail

// The loaded library and the opened device. Share one between the models that run on that device.
class libedgetpu_device {
public:
    libedgetpu_device(const libedgetpu_device&) = delete;
    libedgetpu_device& operator=(const libedgetpu_device&) = delete;
    ~libedgetpu_device() {
        if (delegate_ && free_delegate_) free_delegate_(delegate_);
        if (handle_) ::dlclose(handle_);
    }

    static result<std::unique_ptr<libedgetpu_device>> open(const libedgetpu_options& o = {}) {
        std::unique_ptr<libedgetpu_device> d(new libedgetpu_device());
        std::string tried;
        for (const std::string& p : o.paths) {
            d->handle_ = ::dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (d->handle_) break;
            const char* why = ::dlerror();
            tried += "\n  " + p + ": " + (why ? why : "not found");
        }
        const std::string twin = cpu_twin_path(o.model_path);
        const std::string suggestion = "; without an Edge TPU, run the model's CPU twin, the same file name without "
                                       "`_edgetpu`" + (twin.empty() ? std::string() : " (" + twin + ")");
        if (!d->handle_) return status::error("libedgetpu was not found. Searched:" + tried + "\n" + suggestion.substr(2));
        d->file_ = detail::loaded_file(d->handle_, "edgetpu_version");
        d->commit_ = detail::embedded_tf_commit(d->file_);
        if (d->commit_ != abi25::tensorflow_commit)
            return status::error(
                "libedgetpu at " + d->file_ + " was built against TensorFlow commit " +
                (d->commit_.empty() ? std::string("(none found in the file)") : d->commit_) +
                "; flatnn knows only the TensorFlow Lite 2.5 structure layout of commit " + abi25::tensorflow_commit +
                " (libedgetpu 16.0), and refuses an unknown layout rather than corrupt memory");
        auto sym = [&](const char* name, auto& fn) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(d->handle_, name));
            return fn != nullptr;
        };
        if (!sym("edgetpu_list_devices", d->list_devices_) || !sym("edgetpu_free_devices", d->free_devices_) ||
            !sym("edgetpu_create_delegate", d->create_delegate_) || !sym("edgetpu_free_delegate", d->free_delegate_) ||
            !sym("_ZN7edgetpu16RegisterCustomOpEv", d->register_custom_op_))
            return status::error("libedgetpu at " + d->file_ + " lacks an expected symbol (edgetpu_list_devices, "
                                 "edgetpu_free_devices, edgetpu_create_delegate, edgetpu_free_delegate, "
                                 "edgetpu::RegisterCustomOp)");
        if (const char* (*version)() = nullptr; sym("edgetpu_version", version)) d->version_ = version();
        FLATNN_TRY(d->open_device(o.device, suggestion));
        return d;
    }

    const std::string& file() const noexcept { return file_; }
    const std::string& version() const noexcept { return version_; }
    const std::string& device_path() const noexcept { return device_path_; }
    abi25::external_context* edgetpu_context() const noexcept { return context_; }
    const abi25::registration* custom_op() const noexcept { return registration_; }

private:
    libedgetpu_device() = default;
    void* handle_ = nullptr;
    std::string file_, commit_, version_, device_path_;
    abi25::edgetpu_device* (*list_devices_)(size_t*) = nullptr;
    void (*free_devices_)(abi25::edgetpu_device*) = nullptr;
    abi25::delegate* (*create_delegate_)(int, const char*, const abi25::edgetpu_option*, size_t) = nullptr;
    void (*free_delegate_)(abi25::delegate*) = nullptr;
    abi25::registration* (*register_custom_op_)() = nullptr;
    abi25::delegate* delegate_ = nullptr;
    abi25::external_context* context_ = nullptr;
    const abi25::registration* registration_ = nullptr;

    status open_device(const std::string& spec, const std::string& suggestion) {
        int want_type = -1;
        long index = -1;
        std::string kind = spec.substr(0, spec.find(':'));
        if (kind == "usb") want_type = 1;
        else if (kind == "pci") want_type = 0;
        else if (!kind.empty()) return status::error("device '" + spec + "': expected usb, usb:N, pci or pci:N");
        if (spec.find(':') != std::string::npos) {
            char* end = nullptr;
            index = std::strtol(spec.c_str() + spec.find(':') + 1, &end, 10);
            if (!end || *end || index < 0) return status::error("device '" + spec + "': bad index");
        }
        size_t n = 0;
        abi25::edgetpu_device* list = list_devices_(&n);
        long seen = 0;
        int type = -1;
        for (size_t i = 0; i < n && type < 0; ++i) {
            if (want_type >= 0 && list[i].type != want_type) continue;
            if (index < 0 || seen == index) type = list[i].type, device_path_ = list[i].path ? list[i].path : "";
            ++seen;
        }
        if (list) free_devices_(list);
        if (type < 0)
            return status::error("no Edge TPU " + (spec.empty() ? std::string("device") : "'" + spec + "'") +
                                 " found (" + std::to_string(n) + " enumerated by " + file_ + ")" + suggestion);
        delegate_ = create_delegate_(type, device_path_.c_str(), nullptr, 0);
        if (!delegate_ || !delegate_->data_)
            return status::error("libedgetpu could not open the Edge TPU at " + device_path_ + suggestion);
        // data_ is an EdgeTpuContext whose TfLiteExternalContext base follows its vtable pointer (§2.3).
        context_ = reinterpret_cast<abi25::external_context*>(static_cast<char*>(delegate_->data_) + 8);
        registration_ = register_custom_op_();
        if (!registration_ || !registration_->init || !registration_->prepare || !registration_->invoke)
            return status::error("libedgetpu's RegisterCustomOp() returned an incomplete registration");
        return status::ok();
    }
};

struct libedgetpu_node_state : node_data {
    abi25::context ctx{};
    abi25::node tnode{};
    std::vector<abi25::tensor> tensors;
    std::vector<std::vector<int>> dims;   // int_array storage: [size, d0, d1, ...]
    std::vector<int> inputs, outputs;     // int_array storage
    std::vector<std::vector<uint8_t>> input_copies;
    const libedgetpu_device* device = nullptr;
    void* user_data = nullptr;
    std::string last_error;
    ~libedgetpu_node_state() override {
        if (device && user_data && device->custom_op()->free) device->custom_op()->free(&ctx, user_data);
    }
};

// Claims `edgetpu-custom-op` nodes and runs them through libedgetpu.
class libedgetpu_backend {
public:
    static constexpr const char* name = "libedgetpu";
    explicit libedgetpu_backend(libedgetpu_device& device) : device_(&device) {}

    bool claims(const node& n) const noexcept { return edgetpu_backend::is_edgetpu_node(n); }
    std::string why_not(const node& n) const { return edgetpu_backend().why_not(n); }

    status prepare(node& n) {
        auto& st = n.emplace<libedgetpu_node_state>();
        st.device = device_;
        const size_t count = n.inputs.size() + n.outputs.size();
        st.tensors.assign(count, abi25::tensor{});
        st.dims.resize(count);
        st.inputs = {int(n.inputs.size())};
        st.outputs = {int(n.outputs.size())};
        for (size_t i = 0; i < count; ++i) {
            const bool in = i < n.inputs.size();
            const tensor* t = in ? n.inputs[i] : n.outputs[i - n.inputs.size()];
            if (!t) return n.fail("input " + std::to_string(i) + " is missing");
            const int type = abi_type(t->type);
            if (type < 0) return n.fail(std::string("tensor type ") + dtype_name(t->type) + " is not an Edge TPU type");
            std::vector<int>& d = st.dims[i];
            d = {t->dims.rank()};
            for (int k = 0; k < t->dims.rank(); ++k) d.push_back(int(t->dims[k]));
            abi25::tensor& a = st.tensors[i];
            a.type = type;
            a.dims = reinterpret_cast<abi25::int_array*>(d.data());
            a.params = {t->scale(), t->zero_point()};
            a.allocation_type = abi25::allocation_arena_rw;
            a.bytes = size_t(t->dims.num_elements()) * dtype_size(t->type);
            a.name = t->name.data();  // a FlatBuffer string: verified NUL-terminated
            a.buffer_handle = -1;
            (in ? st.inputs : st.outputs).push_back(int(i));
            if (in) st.input_copies.emplace_back(a.bytes);
        }
        st.tnode.inputs = reinterpret_cast<abi25::int_array*>(st.inputs.data());
        st.tnode.outputs = reinterpret_cast<abi25::int_array*>(st.outputs.data());
        st.tnode.custom_initial_data = n.op->custom_options;
        st.tnode.custom_initial_data_size = int(n.op->custom_options_size);
        st.ctx.tensors_size = count;
        st.ctx.tensors = st.tensors.data();
        st.ctx.impl_ = &st;
        st.ctx.ReportError = &report_error;
        st.ctx.GetExternalContext = &external_context;
        st.ctx.ResizeTensor = &resize_tensor;
        const abi25::registration* reg = device_->custom_op();
        st.user_data = reg->init(&st.ctx, reinterpret_cast<const char*>(n.op->custom_options), n.op->custom_options_size);
        st.tnode.user_data = st.user_data;
        if (reg->prepare(&st.ctx, &st.tnode) != abi25::ok)
            return n.fail("libedgetpu refused the node in prepare: " + st.last_error);
        n.invoke = &run;
        return status::ok();
    }
    status invoke(node& n) { return run(n); }

    static status run(node& n) {
        auto& st = n.get<libedgetpu_node_state>();
        for (size_t i = 0; i < n.inputs.size(); ++i) {  // a copy: libedgetpu flips int8 inputs in place
            std::memcpy(st.input_copies[i].data(), n.in(i).data, st.input_copies[i].size());
            st.tensors[i].data = st.input_copies[i].data();
        }
        for (size_t i = 0; i < n.outputs.size(); ++i) st.tensors[n.inputs.size() + i].data = n.out(i).data;
        if (st.device->custom_op()->invoke(&st.ctx, &st.tnode) != abi25::ok)
            return n.fail("libedgetpu invoke failed: " + st.last_error);
        return status::ok();
    }

private:
    libedgetpu_device* device_;

    static int abi_type(dtype t) noexcept {
        switch (t) {
            case dtype::uint8: return abi25::type_uint8;
            case dtype::int8: return abi25::type_int8;
            case dtype::int16: return abi25::type_int16;
            case dtype::int32: return abi25::type_int32;
            case dtype::float32: return abi25::type_float32;
            case dtype::float16: return abi25::type_float16;
            default: return -1;
        }
    }
    static libedgetpu_node_state& state(abi25::context* c) { return *static_cast<libedgetpu_node_state*>(c->impl_); }
    static void report_error(abi25::context* c, const char* format, ...) {
        char buf[512];
        va_list args;
        va_start(args, format);
        std::vsnprintf(buf, sizeof buf, format, args);
        va_end(args);
        state(c).last_error = buf;
    }
    static abi25::external_context* external_context(abi25::context* c, int type) {
        return type == abi25::external_context_edgetpu ? state(c).device->edgetpu_context() : nullptr;
    }
    // The library owns new_size (malloc'ed by its own TfLiteIntArrayCreate); shapes here are fixed.
    static int resize_tensor(abi25::context* c, abi25::tensor* t, abi25::int_array* new_size) {
        bool same = new_size && t->dims && new_size->size == t->dims->size;
        for (int i = 0; same && i < new_size->size; ++i) same = new_size->data[i] == t->dims->data[i];
        std::free(new_size);
        if (!same) state(c).last_error = "libedgetpu asked to resize a tensor; flatnn's shapes are fixed in prepare";
        return same ? abi25::ok : abi25::error;
    }
};

}  // namespace flatnn::edgetpu
#endif  // __has_include(<dlfcn.h>)
