#pragma once
// flatnn bench MODEL: latency of invoke() on seeded random inputs (median, mean, min), optionally a per-op profile
// (through the interpreter's node_observer), JSON for scripts, and a Chrome trace-event file of the measured runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "flatnn/args.hpp"
#include "flatnn/backend_choice.hpp"
#include "flatnn/flatnn.hpp"
#include "flatnn/inputs.hpp"

namespace flatnn::cli {

inline const char* bench_usage =
    "usage: flatnn bench MODEL [--backend cpu|reference|vulkan] [--device D] [--threads N] [--runs R] [--warmup W] [--profile]\n"
    "                          [--json] [--trace FILE]\n"
    "  Times invoke() on seeded random inputs and prints median, mean and min latency in ms.\n"
    "  --backend cpu|reference|vulkan   backend to run on (default cpu; vulkan runs what it can, the CPU the rest)\n"
    "  --device D                Vulkan device: index or part of its name\n"
    "  --fp16                    Vulkan: float tensors stored as float16 on the device (float32 arithmetic)\n"
    "  --threads N               CPU backend threads (default 1)\n"
    "  --runs R                  measured runs (default 20)\n"
    "  --warmup W                unmeasured runs first (default 3)\n"
    "  --seed S                  seed of the random inputs (default 42)\n"
    "  --profile                 per-op table: index, op, dtype, output shape, time, share, GOP/s\n"
    "  --json                    one JSON object instead of text\n"
    "  --trace FILE              write the measured runs' per-op timeline as Chrome trace-event JSON\n"
    "                            (open in https://ui.perfetto.dev or chrome://tracing)\n"
    "  The SIMD level of the CPU backend can be lowered with FLATNN_CPU_ARCH=reference|sse4.1|avx2|avx512.\n";

// Records per-node begin/end times into preallocated storage: no allocation during invoke.
struct bench_observer : node_observer {
    using clock = std::chrono::steady_clock;
    std::vector<int64_t> begin_ns, end_ns;  // [run][node]
    size_t nodes = 0, run = 0, capacity_runs = 0;
    clock::time_point origin;
    void reset(size_t node_count, size_t runs) {
        nodes = node_count;
        capacity_runs = runs;
        begin_ns.assign(nodes * runs, 0);
        end_ns.assign(nodes * runs, 0);
        run = 0;
    }
    int64_t now() const { return std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - origin).count(); }
    void begin(const node& n) override {
        if (run < capacity_runs) begin_ns[run * nodes + n.index] = now();
    }
    void end(const node& n) override {
        if (run < capacity_runs) end_ns[run * nodes + n.index] = now();
    }
};

// Arithmetic operations of one node: 2 per multiply-add (the interpreter's work estimate) for the ops made of them,
// else one per output element.
inline double node_ops(const node& n) {
    const int32_t code = n.op ? n.op->code : -1;
    using B = schema::builtin_op;
    const bool macs = code == int32_t(B::conv_2d) || code == int32_t(B::depthwise_conv_2d) ||
                      code == int32_t(B::fully_connected) || code == int32_t(B::batch_matmul) ||
                      code == int32_t(B::transpose_conv) || code == int32_t(B::conv_3d);
    if (macs) return 2.0 * node_work(n);
    return n.outputs.empty() ? 0.0 : double(n.out(0).num_elements());
}

inline std::string json_escape(const std::string& s) {
    std::string r;
    for (char c : s) {
        if (c == '"' || c == '\\') r += '\\', r += c;
        else if (static_cast<unsigned char>(c) < 0x20) r += ' ';
        else r += c;
    }
    return r;
}

struct op_row {
    size_t index;
    std::string name, type, out_shape;
    double ms, share, gops;
    int64_t fused_into;  // >= 0: a backend ran this op inside that op (its time and work are counted there)
};

inline int cmd_bench(int argc, char** argv) {
    args a = parse_args(argc, argv, 2, {"--backend", "--device", "--threads", "--runs", "--warmup", "--trace", "--seed"},
                        {"--fp16", "--help", "-h", "--profile", "--json"});
    if (a.has_flag("--help") || a.has_flag("-h")) return std::printf("%s", bench_usage), 0;
    if (!a.error.empty() || a.positional.size() != 1)
        return std::fprintf(stderr, "%s%s", a.error.empty() ? "" : (a.error + "\n").c_str(), bench_usage), 2;
    const int threads = std::atoi(a.get("--threads", "1").c_str());
    const int runs = std::atoi(a.get("--runs", "20").c_str());
    const int warmup = std::atoi(a.get("--warmup", "3").c_str());
    if (threads < 1 || runs < 1 || warmup < 0)
        return std::fprintf(stderr, "error: --threads and --runs must be >= 1, --warmup >= 0\n"), 2;
    const std::string backend_name = a.get("--backend", "cpu");
    const bool profile = a.has_flag("--profile"), json = a.has_flag("--json");
    const std::string trace_path = a.get("--trace");

    auto m = model::from_file(a.positional[0]);
    if (!m) return std::fprintf(stderr, "error: %s\n", m.error().message().c_str()), 1;
    cpu_backend_options cpu_options;
    cpu_options.threads = threads;
    backend_choice backends(cpu_options);
    backends.vulkan_profile = profile;
    cpu_backend& cpu = backends.cpu;
    interpreter_options options;
    backends.vulkan_fp16 = a.has_flag("--fp16");
    if (!backends.apply(backend_name, options, a.get("--device")))
        return std::fprintf(stderr, "error: %s\n", backends.error.c_str()), 2;
    interpreter it(*m, options);
    status s = it.allocate();
    if (!s) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    model_inputs inputs;
    inputs.seed = uint32_t(std::strtoul(a.get("--seed", "42").c_str(), nullptr, 10));
    if (!(s = inputs.fill(it))) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;

    for (int i = 0; i < warmup; ++i)
        if (!(s = it.invoke())) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;

    const size_t node_count = it.nodes().size();
    bench_observer obs;
    const bool observe = profile || !trace_path.empty();
    if (observe) {
        obs.reset(node_count, size_t(runs));
        it.set_observer(&obs);
    }
    using clock = std::chrono::steady_clock;
    obs.origin = clock::now();
    std::vector<double> ms(static_cast<size_t>(runs));
    std::vector<int64_t> run_begin(static_cast<size_t>(runs));
    for (int r = 0; r < runs; ++r) {
        obs.run = size_t(r);
        const auto t0 = clock::now();
        run_begin[size_t(r)] = std::chrono::duration_cast<std::chrono::nanoseconds>(t0 - obs.origin).count();
        s = it.invoke();
        const auto t1 = clock::now();
        if (!s) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
        ms[size_t(r)] = std::chrono::duration<double, std::milli>(t1 - t0).count();
    }
    it.set_observer(nullptr);
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const double median = runs % 2 ? sorted[size_t(runs / 2)] : 0.5 * (sorted[size_t(runs / 2 - 1)] + sorted[size_t(runs / 2)]);
    double mean = 0;
    for (double v : ms) mean += v;
    mean /= runs;
    const double min = sorted.front();
    const char* level = backend_name == "reference" ? "scalar" : cpu::simd_level_name(cpu.level());

    std::vector<op_row> rows;
    double total_ops = 0;
    for (const node& n : it.nodes()) total_ops += node_ops(n);
    if (profile) {
        double sum_ms = 0;
        std::vector<double> work(node_count, 0.0);  // a node's ops plus those of the nodes fused into it
        for (const node& n : it.nodes())
            work[n.fused_into >= 0 && size_t(n.fused_into) < node_count ? size_t(n.fused_into) : n.index] += node_ops(n);
        for (const node& n : it.nodes()) {
            double t = 0;
            for (int r = 0; r < runs; ++r)
                t += double(obs.end_ns[size_t(r) * node_count + n.index] - obs.begin_ns[size_t(r) * node_count + n.index]);
            t = t / runs / 1e6;
            sum_ms += t;
            const tensor* out = n.outputs.empty() ? nullptr : n.outputs[0];
            const bool fused = n.fused_into >= 0;
            rows.push_back({n.index, n.name, out ? dtype_name(out->type) : "-", out ? out->dims.str() : "-", t, 0,
                            !fused && t > 0 ? work[n.index] / (t * 1e6) : 0, n.fused_into});
        }
        for (auto& r : rows) r.share = sum_ms > 0 ? 100.0 * r.ms / sum_ms : 0;
    }

    if (!trace_path.empty()) {
        std::FILE* f = std::fopen(trace_path.c_str(), "w");
        if (!f) return std::fprintf(stderr, "error: cannot write %s\n", trace_path.c_str()), 1;
        std::fprintf(f, "{\"traceEvents\":[\n");
        bool first = true;
        for (int r = 0; r < runs; ++r) {
            std::fprintf(f, "%s{\"name\":\"invoke %d\",\"cat\":\"run\",\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":%.3f,\"dur\":%.3f}",
                         first ? "" : ",\n", r, double(run_begin[size_t(r)]) / 1e3, ms[size_t(r)] * 1e3);
            first = false;
            for (const node& n : it.nodes()) {
                const size_t k = size_t(r) * node_count + n.index;
                const tensor* out = n.outputs.empty() ? nullptr : n.outputs[0];
                std::fprintf(f, ",\n{\"name\":\"%s\",\"cat\":\"op\",\"ph\":\"X\",\"pid\":1,\"tid\":2,\"ts\":%.3f,\"dur\":%.3f,"
                                "\"args\":{\"index\":%zu,\"dtype\":\"%s\",\"output_shape\":\"%s\"}}",
                             json_escape(n.name).c_str(), double(obs.begin_ns[k]) / 1e3,
                             double(obs.end_ns[k] - obs.begin_ns[k]) / 1e3, n.index, out ? dtype_name(out->type) : "-",
                             out ? out->dims.str().c_str() : "-");
            }
        }
        std::fprintf(f, "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{\"model\":\"%s\",\"backend\":\"%s\",\"threads\":%d}}\n",
                     json_escape(a.positional[0]).c_str(), backend_name.c_str(), threads);
        std::fclose(f);
    }

    if (json) {
        std::printf("{\"model\":\"%s\",\"backend\":\"%s\",\"simd\":\"%s\",\"threads\":%d,\"runs\":%d,\"warmup\":%d,"
                    "\"median_ms\":%.4f,\"mean_ms\":%.4f,\"min_ms\":%.4f,\"gops_total\":%.6f",
                    json_escape(a.positional[0]).c_str(), backend_name.c_str(), level, threads, runs, warmup, median,
                    mean, min, total_ops / 1e9);
        if (profile) {
            std::printf(",\"ops\":[");
            for (size_t i = 0; i < rows.size(); ++i)
                std::printf("%s{\"index\":%zu,\"op\":\"%s\",\"dtype\":\"%s\",\"output_shape\":\"%s\",\"ms\":%.5f,"
                            "\"share\":%.3f,\"gops\":%.3f,\"fused_into\":%lld}",
                            i ? "," : "", rows[i].index, json_escape(rows[i].name).c_str(), rows[i].type.c_str(),
                            rows[i].out_shape.c_str(), rows[i].ms, rows[i].share, rows[i].gops,
                            static_cast<long long>(rows[i].fused_into));
            std::printf("]");
        }
        std::printf("}\n");
        return 0;
    }
    std::printf("model    %s\nbackend  %s (%s), %d thread%s\nruns     %d (after %d warmup)\n", a.positional[0].c_str(),
                backend_name.c_str(), level, threads, threads == 1 ? "" : "s", runs, warmup);
    if (!backends.summary().empty()) std::printf("%s\n", backends.summary().c_str());
    std::printf("latency  median %.3f ms  mean %.3f ms  min %.3f ms  (%.3f GOP, %.1f GOP/s at the median)\n", median,
                mean, min, total_ops / 1e9, total_ops / (median * 1e6));
    if (profile) {
        std::printf("\n%5s  %-22s %-8s %-18s %9s %7s %8s\n", "index", "op", "dtype", "output", "ms", "share", "GOP/s");
        bool any_fused = false;
        for (const auto& r : rows) {
            if (r.fused_into >= 0) {
                any_fused = true;
                std::printf("%5zu  %-22s %-8s %-18s %9.4f %6.1f%% %8s\n", r.index, r.name.c_str(), r.type.c_str(),
                            r.out_shape.c_str(), r.ms, r.share, ("in " + std::to_string(r.fused_into)).c_str());
                continue;
            }
            std::printf("%5zu  %-22s %-8s %-18s %9.4f %6.1f%% %8.2f\n", r.index, r.name.c_str(), r.type.c_str(),
                        r.out_shape.c_str(), r.ms, r.share, r.gops);
        }
        if (any_fused)
            std::printf("\n\"in N\": the backend runs this op inside op N (fused); op N's time and GOP/s count both.\n");
    }
    if (profile) backends.print_vulkan_profile(it);
    return 0;
}

}  // namespace flatnn::cli
