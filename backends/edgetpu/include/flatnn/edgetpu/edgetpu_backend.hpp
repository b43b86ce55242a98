#pragma once
// The Edge TPU backend: claims `edgetpu-custom-op` nodes and runs each as one opaque kernel on a device_context.
// prepare parses and checks the package, matches the node's tensors to the executable's layers and allocates
// every buffer (padded inputs, raw outputs, linked instruction copies); invoke copies the inputs (sign flip,
// padding), runs the hints through the device and re-lays out the outputs, without allocating.
// Host duties of edgetpu.md §6 item 2 besides: a tensor whose dims[0] x layer size equals its byte size holds a
// batch of dims[0] elements, run one after another (outputs get the same batch); an output layer named
// `<input>_variable_output` (LSTM state) is copied back into that input after each invoke, so the next invoke
// starts from the new state.
// The ops around the node run on the other backends (CPU).
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
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
    std::vector<uint64_t> input_addresses, output_addresses, output_received;
    run_buffers main_buffers, caching_buffers;
    int32_t batches = 1;
    std::vector<std::pair<size_t, size_t>> state_copies;  // node output -> node input it is copied back into
};

inline constexpr std::string_view state_output_suffix = "_variable_output";

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
        FLATNN_TRY(match_batch(n, e, st));
        FLATNN_TRY(match_state(n, e, st));
        if (!device_) return n.fail(no_device_message());
        st.device = device_;

        for (const layer& l : e.inputs) st.inputs.emplace_back(l.size_bytes, uint8_t(0));
        for (const layer& l : e.outputs) st.outputs.emplace_back(l.size_bytes, uint8_t(0));
        st.scratch.assign(size_t(e.scratch_bytes > 0 ? e.scratch_bytes : 0), 0);
        for (const auto& b : st.inputs) st.input_addresses.push_back(uint64_t(reinterpret_cast<uintptr_t>(b.data())));
        for (const auto& b : st.outputs) st.output_addresses.push_back(uint64_t(reinterpret_cast<uintptr_t>(b.data())));
        link_all(e, st, st.main_chunks);
        if (const executable* pc = st.pkg.caching_executable()) link_all(*pc, st, st.caching_chunks);
        st.output_received.assign(e.outputs.size(), 0);
        st.main_buffers = run_buffers{&st.main_chunks, &st.inputs, &st.outputs, &st.output_addresses, &st.output_received};
        st.caching_buffers = run_buffers{&st.caching_chunks, nullptr, nullptr, nullptr, nullptr};
        n.invoke = &run;
        return status::ok();
    }
    status invoke(node& n) { return run(n); }

    // Runs a prepared node.
    static status run(node& n) {
        auto& st = n.get<edgetpu_node_state>();
        const executable& e = st.pkg.main_executable();
        for (size_t b = 0; b < size_t(st.batches); ++b) {
            for (size_t i = 0; i < n.inputs.size(); ++i) {
                const layer& l = e.inputs[size_t(st.input_layer[i])];
                auto& dst = st.inputs[size_t(st.input_layer[i])];
                const size_t one = l.unpadded_bytes();
                if (status s = prepare_input(l, n.in(i).data + b * one, one, dst.data(), dst.size()); !s)
                    return n.fail(s.message());
            }
            if (status s = st.device->run(e, st.main_buffers, st.pkg.caching_executable(), st.caching_buffers); !s)
                return n.fail(st.batches > 1 ? "batch element " + std::to_string(b) + ": " + s.message() : s.message());
            for (size_t i = 0; i < n.outputs.size(); ++i) {
                const layer& l = e.outputs[size_t(st.output_layer[i])];
                const auto& raw = st.outputs[size_t(st.output_layer[i])];
                const size_t one = l.unpadded_bytes();
                if (status s = relayout_output(l, raw.data(), raw.size(), n.out(i).data + b * one, one); !s)
                    return n.fail(s.message());
            }
        }
        // LSTM state: the tensors' bytes (already re-laid out and sign-restored), sizes checked in prepare.
        for (const auto& c : st.state_copies) std::memcpy(n.in(c.second).data, n.out(c.first).data, n.out(c.first).bytes);
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
        }
        return status::ok();
    }

    static std::string describe(const char* what, size_t i, const tensor& t) {
        return std::string(what) + " " + std::to_string(i) + " '" + std::string(t.name) + "' of shape " + t.dims.str();
    }
    static std::string describe(const layer& l) {
        return "layer '" + std::string(l.name) + "' (" + std::to_string(l.y) + "x" + std::to_string(l.x) + "x" +
               std::to_string(l.z) + ") has " + std::to_string(l.unpadded_bytes());
    }

    // The batch (edgetpu.md §6 item 2): an input holds dims[0] elements when dims[0] x its layer's size is its byte
    // size, else exactly one; every input must hold the same number. Outputs with such a leading dimension take
    // that batch; others must be for a batch of one.
    static status match_batch(node& n, const executable& e, edgetpu_node_state& st) {
        int64_t batches = 0;
        size_t first = 0;
        for (size_t i = 0; i < n.inputs.size(); ++i) {
            const tensor& t = n.in(i);
            const layer& l = e.inputs[size_t(st.input_layer[i])];
            const int64_t one = int64_t(l.unpadded_bytes());
            const int64_t bytes = t.dims.num_elements() * int64_t(dtype_size(t.type));
            const int64_t lead = t.dims.rank() >= 1 ? t.dims[0] : 1;
            const int64_t b = t.dims.rank() >= 1 && lead * one == bytes ? lead : 1;
            if (bytes != b * one)
                return n.fail(describe("input", i, t) + " has " + std::to_string(bytes) + " bytes but " + describe(l) +
                              " (a batch of dims[0] = " + std::to_string(lead) + " would need " +
                              std::to_string(lead * one) + ")");
            if (b < 1) return n.fail(describe("input", i, t) + " holds a batch of " + std::to_string(b));
            if (batches == 0) batches = b, first = i;
            else if (b != batches)
                return n.fail(describe("input", i, t) + " holds a batch of " + std::to_string(b) + " but " +
                              describe("input", first, n.in(first)) + " one of " + std::to_string(batches) +
                              ": every input needs the same batch");
        }
        if (batches == 0) batches = 1;  // no inputs: run once
        for (size_t i = 0; i < n.outputs.size(); ++i) {
            tensor& t = n.out(i);
            const layer& l = e.outputs[size_t(st.output_layer[i])];
            const int64_t one = int64_t(l.unpadded_bytes());
            const int64_t bytes = t.dims.num_elements() * int64_t(dtype_size(t.type));
            if (t.dims.rank() >= 1 && int64_t(t.dims[0]) * one == bytes) {
                t.dims[0] = int32_t(batches);
            } else if (bytes != one) {
                return n.fail(describe("output", i, t) + " has " + std::to_string(bytes) + " bytes but " + describe(l));
            } else if (batches != 1) {
                return n.fail(describe("output", i, t) + " has no leading batch dimension for the inputs' batch of " +
                              std::to_string(batches));
            }
        }
        st.batches = int32_t(batches);
        return status::ok();
    }

    // LSTM state: output layer "<x>_variable_output" is copied back into the input of layer "<x>".
    static status match_state(node& n, const executable& e, edgetpu_node_state& st) {
        for (size_t o = 0; o < n.outputs.size(); ++o) {
            const layer& lo = e.outputs[size_t(st.output_layer[o])];
            const std::string_view name = lo.name;
            if (name.size() <= state_output_suffix.size() ||
                name.substr(name.size() - state_output_suffix.size()) != state_output_suffix)
                continue;
            const std::string_view base = name.substr(0, name.size() - state_output_suffix.size());
            size_t i = 0;
            while (i < n.inputs.size() && e.inputs[size_t(st.input_layer[i])].name != base) ++i;
            if (i == n.inputs.size())
                return n.fail("output layer '" + std::string(name) + "' is an LSTM state output, but no input layer is "
                              "named '" + std::string(base) + "' to carry the state into the next invoke");
            const layer& li = e.inputs[size_t(st.input_layer[i])];
            const tensor &to = n.out(o), &ti = n.in(i);
            if (to.type != ti.type || lo.type != li.type || lo.unpadded_bytes() != li.unpadded_bytes() ||
                to.dims.num_elements() != ti.dims.num_elements())
                return n.fail("LSTM state output '" + std::string(name) + "' (" + dtype_name(to.type) + " " +
                              to.dims.str() + ", " + data_type_name(lo.type) + " " + std::to_string(lo.unpadded_bytes()) +
                              " bytes) does not match its input '" + std::string(base) + "' (" + dtype_name(ti.type) +
                              " " + ti.dims.str() + ", " + data_type_name(li.type) + " " +
                              std::to_string(li.unpadded_bytes()) + " bytes)");
            st.state_copies.emplace_back(o, i);
        }
        if (!st.state_copies.empty() && st.batches != 1)
            return n.fail("LSTM state outputs with a batch of " + std::to_string(st.batches) +
                          " are not supported (the state of one element would feed the next)");
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
