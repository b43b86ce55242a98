#pragma once
// Cross-backend parity: runs one model on several backend configurations with the same inputs, keeping every
// tensor (interpreter_options::keep_all_tensors), and compares every tensor the graph computes with the first
// configuration's, in execution order (graph inputs, then each node's outputs). `flatnn compare` prints it;
// tests drive it with their own backends.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/inputs.hpp"

namespace flatnn::cli {

// Tolerances. Integer tensors (quantized or not) diverge when any element differs by more than atol_int
// steps. Float tensors diverge when |x - x_first| > atol_float + rtol_float * |x_first| for some element (NaN
// matches only NaN): float kernels may sum in another order or fuse multiply-adds, which moves results by a few
// ulps of the magnitudes summed; 1e-4 absolute + 1e-4 relative covers that for the models we run (the same bound
// as the Vulkan tests' float_close) and still flags a wrong kernel.
struct compare_tolerance {
    double atol_int = 0;
    double atol_float = 1e-4;
    double rtol_float = 1e-4;
};

// One configuration: its label and the backends to try before the reference one.
struct compare_config {
    std::string label;
    std::vector<backend_ref> backends;
};

struct tensor_comparison {
    size_t tensor = 0;
    std::string name;
    dtype type = dtype::float32;
    int node = -1;         // the node writing it, -1 for a graph input
    std::string op;        // that node's op name
    std::string shape;
    // Per configuration after the first: the largest |difference| in real value (dequantized for quantized
    // tensors), the largest difference in integer steps (integer tensors only, else 0), differing elements.
    std::vector<double> max_abs;
    std::vector<int64_t> max_steps;
    std::vector<int64_t> differing;
    std::vector<bool> diverged;
    bool any_diverged() const {
        return std::find(diverged.begin(), diverged.end(), true) != diverged.end();
    }
};

struct compare_report {
    std::vector<std::string> labels;
    std::vector<tensor_comparison> tensors;  // execution order
    int first_divergence = -1;               // index into tensors, -1 when all agree
    int first_divergence_config = -1;        // which configuration diverged there (index into labels)
    std::vector<std::string> placement;      // per configuration: nodes per backend, e.g. "vulkan 30, cpu 1"
};

namespace compare_detail {

inline bool is_integer(dtype t) {
    switch (t) {
        case dtype::int8: case dtype::uint8: case dtype::int16: case dtype::uint16: case dtype::int32:
        case dtype::uint32: case dtype::int64: case dtype::uint64: case dtype::boolean: return true;
        default: return false;
    }
}

inline int64_t integer_at(const tensor& t, int64_t i) {
    switch (t.type) {
        case dtype::int8: return t.data_as<int8_t>()[i];
        case dtype::uint8: return t.data_as<uint8_t>()[i];
        case dtype::int16: return t.data_as<int16_t>()[i];
        case dtype::uint16: return t.data_as<uint16_t>()[i];
        case dtype::int32: return t.data_as<int32_t>()[i];
        case dtype::uint32: return t.data_as<uint32_t>()[i];
        case dtype::int64: return t.data_as<int64_t>()[i];
        case dtype::uint64: return int64_t(t.data_as<uint64_t>()[i]);
        case dtype::boolean: return t.data[i] ? 1 : 0;
        default: return 0;
    }
}

inline double float_at(const tensor& t, int64_t i) {
    return t.type == dtype::float64 ? t.data_as<double>()[i] : double(t.data_as<float>()[i]);
}

// Compares `got` with `want` (same type) into row slot k.
inline void compare_tensor(const tensor& want, const tensor& got, const compare_tolerance& tol, tensor_comparison& row) {
    double max_abs = 0;
    int64_t max_steps = 0, differing = 0;
    bool diverged = false;
    if (want.dims != got.dims || want.bytes != got.bytes || (want.bytes && (!want.data || !got.data))) {
        row.max_abs.push_back(INFINITY), row.max_steps.push_back(0), row.differing.push_back(-1);
        row.diverged.push_back(true);
        return;
    }
    const int64_t n = want.num_elements();
    if (is_integer(want.type)) {
        const double scale = want.quantized() ? double(want.scale()) : 1.0;
        for (int64_t i = 0; i < n; ++i) {
            const int64_t d = integer_at(got, i) - integer_at(want, i);
            const int64_t ad = d < 0 ? -d : d;
            if (!ad) continue;
            ++differing;
            max_steps = std::max(max_steps, ad);
            max_abs = std::max(max_abs, double(ad) * scale);
            if (double(ad) > tol.atol_int) diverged = true;
        }
    } else if (want.type == dtype::float32 || want.type == dtype::float64) {
        for (int64_t i = 0; i < n; ++i) {
            const double a = float_at(want, i), b = float_at(got, i);
            if (std::isnan(a) || std::isnan(b)) {
                if (std::isnan(a) != std::isnan(b)) ++differing, diverged = true, max_abs = INFINITY;
                continue;
            }
            if (a == b) continue;
            ++differing;
            const double d = std::fabs(a - b);
            max_abs = std::max(max_abs, d);
            if (!(d <= tol.atol_float + tol.rtol_float * std::fabs(a))) diverged = true;
        }
    } else {  // other types: bytes
        for (size_t i = 0; i < want.bytes; ++i)
            if (want.data[i] != got.data[i]) ++differing, diverged = true;
        if (differing) max_abs = INFINITY;
    }
    row.max_abs.push_back(max_abs);
    row.max_steps.push_back(max_steps);
    row.differing.push_back(differing);
    row.diverged.push_back(diverged);
}

}  // namespace compare_detail

// Runs `m` once per configuration on `inputs` and compares. Errors (a configuration fails to allocate or
// invoke) come back as the status, naming the configuration.
inline result<compare_report> compare_backends(const model& m, const std::vector<compare_config>& configs,
                                               const model_inputs& inputs, const compare_tolerance& tol) {
    if (configs.size() < 2) return status::error("compare needs at least two backends");
    std::vector<std::unique_ptr<interpreter>> runs;
    compare_report report;
    for (const compare_config& c : configs) {
        interpreter_options o;
        o.backends = c.backends;
        o.keep_all_tensors = true;
        runs.push_back(std::make_unique<interpreter>(m, o));
        interpreter& it = *runs.back();
        status s = inputs.resize(it);
        if (s) s = it.allocate();
        if (s) s = inputs.fill(it);
        if (s) s = it.invoke();
        if (!s) return status::error(c.label + ": " + s.message());
        report.labels.push_back(c.label);
    }
    // Execution order: graph inputs, then the outputs of each node.
    interpreter& first = *runs.front();
    std::vector<int> writer(first.tensor_count(), -2);
    std::vector<size_t> order;
    for (size_t i = 0; i < first.input_count(); ++i) {
        const size_t t = size_t(first.input(i).index);
        if (writer[t] == -2) writer[t] = -1, order.push_back(t);
    }
    for (const node& n : first.nodes())
        for (const tensor* t : n.outputs)
            if (writer[size_t(t->index)] == -2) writer[size_t(t->index)] = int(n.index), order.push_back(size_t(t->index));
    for (size_t t : order) {
        const tensor& want = first.tensor_at(t);
        tensor_comparison row;
        row.tensor = t;
        row.name = std::string(want.name);
        row.type = want.type;
        row.node = writer[t];
        row.op = row.node >= 0 ? first.nodes()[size_t(row.node)].name : "input";
        row.shape = want.dims.str();
        for (size_t k = 1; k < runs.size(); ++k) compare_detail::compare_tensor(want, runs[k]->tensor_at(t), tol, row);
        if (report.first_divergence < 0 && row.any_diverged()) {
            report.first_divergence = int(report.tensors.size());
            for (size_t k = 0; k < row.diverged.size(); ++k)
                if (row.diverged[k]) {
                    report.first_divergence_config = int(k + 1);
                    break;
                }
        }
        report.tensors.push_back(std::move(row));
    }
    for (const auto& r : runs) {
        std::string w;
        for (size_t b = 0; b < r->backends().size(); ++b) {
            size_t count = 0;
            for (const node& n : r->nodes()) count += n.backend == int(b);
            if (!count) continue;
            if (!w.empty()) w += ", ";
            w += std::string(r->backends()[b].name) + " " + std::to_string(count);
        }
        report.placement.push_back(w.empty() ? "no nodes" : w);
    }
    return report;
}

}  // namespace flatnn::cli
