#pragma once
// The Edge TPU backend: claims `edgetpu-custom-op` nodes and runs each as one opaque kernel on a device_context.
// prepare parses and checks the package, matches the node's tensors to the executable's layers and allocates
// every buffer (padded inputs, raw outputs, linked instruction copies); invoke copies the inputs (sign flip,
// padding), runs the hints through the device and re-lays out the outputs, without allocating.
// The ops around the node run on the other backends (CPU).
#include <cstring>
#include <string>
#include <vector>

#include "flatnn/backend/backend.hpp"
#include "flatnn/edgetpu/device_context.hpp"
#include "flatnn/edgetpu/host.hpp"
#include "flatnn/edgetpu/package.hpp"
#include "flatnn/model/tflite_schema_generated.hpp"

namespace flatnn::edgetpu {

// The CPU model an `_edgetpu` file was compiled from, by the compiler's naming: "x_edgetpu.tflite" -> "x.tflite".
inline std::string cpu_twin_path(const std::string& path) {
    const std::string tag = "_edgetpu";
    const size_t at = path.rfind(tag);
    if (at == std::string::npos) return {};
    return path.substr(0, at) + path.substr(at + tag.size());
}

// Whether a TFLite tensor type carries a DarwiNN layer type.
inline bool tensor_matches_layer(dtype t, data_type l) noexcept {
    switch (t) {
        case dtype::uint8: return l == data_type::fixed_point8;
        case dtype::int8: return l == data_type::signed_fixed_point8;
        case dtype::int16: return l == data_type::fixed_point16 || l == data_type::signed_fixed_point16;
        case dtype::int32: return l == data_type::signed_fixed_point32;
        case dtype::float16: return l == data_type::half;
        case dtype::float32: return l == data_type::single;
        default: return false;
    }
}

struct edgetpu_node_state : node_data {
    package pkg;
    device_context* device = nullptr;
    std::vector<int> input_layer, output_layer;  // node input/output i -> layer index of the main executable
    std::vector<std::vector<uint8_t>> inputs, outputs, main_chunks, caching_chunks;
    std::vector<uint8_t> scratch;
    std::vector<uint64_t> input_addresses, output_addresses;
    run_buffers main_buffers, caching_buffers;
};

class edgetpu_backend {
public:
    static constexpr const char* name = "edgetpu";
    // `device` may be null: the backend then claims Edge TPU nodes only to fail with a clear message.
    // `model_path` (optional) lets that message name the CPU twin.
    explicit edgetpu_backend(device_context* device = nullptr, std::string model_path = {})
        : device_(device), model_path_(std::move(model_path)) {}

    static bool is_edgetpu_node(const node& n) noexcept {
        return n.op && n.op->code == int32_t(flatnn::schema::builtin_op::custom) && n.op->custom_code == custom_op_name;
    }
    bool claims(const node& n) const noexcept { return is_edgetpu_node(n); }
    std::string why_not(const node& n) const {
        return is_edgetpu_node(n) ? std::string() : "not an " + std::string(custom_op_name) + " node";
    }

    status prepare(node& n) {
        auto parsed = parse_custom_options(n.op->custom_options, n.op->custom_options_size);
        if (!parsed) return n.fail(parsed.error().message());
        auto& st = n.emplace<edgetpu_node_state>();
        st.pkg = std::move(*parsed);
        const executable& e = st.pkg.main_executable();
        FLATNN_TRY(match(n, e.inputs, n.inputs, st.input_layer, "input"));
        FLATNN_TRY(match(n, e.outputs, n.outputs, st.output_layer, "output"));
        if (!device_) return n.fail(no_device_message());
        st.device = device_;

        for (const layer& l : e.inputs) st.inputs.emplace_back(l.size_bytes, uint8_t(0));
        for (const layer& l : e.outputs) st.outputs.emplace_back(l.size_bytes, uint8_t(0));
        st.scratch.assign(size_t(e.scratch_bytes > 0 ? e.scratch_bytes : 0), 0);
        for (const auto& b : st.inputs) st.input_addresses.push_back(uint64_t(reinterpret_cast<uintptr_t>(b.data())));
        for (const auto& b : st.outputs) st.output_addresses.push_back(uint64_t(reinterpret_cast<uintptr_t>(b.data())));
        link_all(e, st, st.main_chunks);
        if (const executable* pc = st.pkg.caching_executable()) link_all(*pc, st, st.caching_chunks);
        st.main_buffers = run_buffers{&st.main_chunks, &st.inputs, &st.outputs};
        st.caching_buffers = run_buffers{&st.caching_chunks, nullptr, nullptr};
        n.invoke = &run;
        return status::ok();
    }
    status invoke(node& n) { return run(n); }

    // Runs a prepared node.
    static status run(node& n) {
        auto& st = n.get<edgetpu_node_state>();
        const executable& e = st.pkg.main_executable();
        for (size_t i = 0; i < n.inputs.size(); ++i) {
            const layer& l = e.inputs[size_t(st.input_layer[i])];
            auto& dst = st.inputs[size_t(st.input_layer[i])];
            if (status s = prepare_input(l, n.in(i).data, n.in(i).bytes, dst.data(), dst.size()); !s)
                return n.fail(s.message());
        }
        if (status s = st.device->run(e, st.main_buffers, st.pkg.caching_executable(), st.caching_buffers); !s)
            return n.fail(s.message());
        for (size_t i = 0; i < n.outputs.size(); ++i) {
            const layer& l = e.outputs[size_t(st.output_layer[i])];
            const auto& raw = st.outputs[size_t(st.output_layer[i])];
            if (status s = relayout_output(l, raw.data(), raw.size(), n.out(i).data, n.out(i).bytes); !s)
                return n.fail(s.message());
        }
        return status::ok();
    }

private:
    device_context* device_;
    std::string model_path_;

    std::string no_device_message() const {
        std::string twin = cpu_twin_path(model_path_);
        return "this Edge TPU node needs an Edge TPU, and no device is configured (give edgetpu_backend a "
               "device_context). It cannot run on the CPU: the compiled file does not keep the original graph. "
               "Run the model's CPU twin instead, the same file name without `_edgetpu`" +
               (twin.empty() ? std::string(".") : " (" + twin + ").");
    }

    // Node tensors to layers: by name when every tensor names a layer, else by position.
    static status match(const node& n, const std::vector<layer>& layers, const std::vector<tensor*>& tensors,
                        std::vector<int>& index, const char* what) {
        if (tensors.size() != layers.size())
            return n.fail("has " + std::to_string(tensors.size()) + " " + what + "s but its executable has " +
                          std::to_string(layers.size()) + " " + what + " layers");
        index.assign(tensors.size(), -1);
        bool by_name = true;
        for (size_t i = 0; i < tensors.size() && by_name; ++i) {
            index[i] = tensors[i] ? detail::find_layer(layers, tensors[i]->name) : -1;
            by_name = index[i] >= 0;
        }
        for (size_t i = 0; i < tensors.size(); ++i) {
            if (!by_name) index[i] = int(i);
            const tensor* t = tensors[i];
            const layer& l = layers[size_t(index[i])];
            if (!t) return n.fail(std::string(what) + " " + std::to_string(i) + " is missing");
            if (!tensor_matches_layer(t->type, l.type))
                return n.fail(std::string(what) + " " + std::to_string(i) + " '" + std::string(t->name) + "' is " +
                              dtype_name(t->type) + " but layer '" + std::string(l.name) + "' is " +
                              data_type_name(l.type));
            const uint64_t bytes = uint64_t(t->dims.num_elements()) * dtype_size(t->type);
            if (bytes != l.unpadded_bytes())
                return n.fail(std::string(what) + " " + std::to_string(i) + " '" + std::string(t->name) + "' of shape " +
                              t->dims.str() + " has " + std::to_string(bytes) + " bytes but layer '" +
                              std::string(l.name) + "' (" + std::to_string(l.y) + "x" + std::to_string(l.x) + "x" +
                              std::to_string(l.z) + ") has " + std::to_string(l.unpadded_bytes()));
        }
        return status::ok();
    }

    static void link_all(const executable& e, edgetpu_node_state& st, std::vector<std::vector<uint8_t>>& chunks) {
        link_addresses a;
        a.parameters = uint64_t(reinterpret_cast<uintptr_t>(e.parameters));
        a.scratch = uint64_t(reinterpret_cast<uintptr_t>(st.scratch.data()));
        if (&e == &st.pkg.main_executable()) a.inputs = &st.input_addresses, a.outputs = &st.output_addresses;
        for (const instruction_chunk& c : e.chunks) {
            chunks.emplace_back(c.size);
            link_chunk(e, c, a, chunks.back().data());
        }
    }
};

}  // namespace flatnn::edgetpu
