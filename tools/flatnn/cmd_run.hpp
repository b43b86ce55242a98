#pragma once
// flatnn run MODEL --input a.npy [--input b.npy ...] --output-dir DIR: runs the model on NumPy inputs and
// writes DIR/output_<i>.npy for each output.
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/stat.h>

#include "flatnn/args.hpp"
#include "flatnn/backend_choice.hpp"
#include "flatnn/flatnn.hpp"
#include "flatnn/inputs.hpp"
#include "flatnn/io/npy.hpp"

namespace flatnn::cli {

inline const char* run_usage =
    "usage: flatnn run MODEL --input a.npy [--input b.npy ...] --output-dir DIR\n"
    "  Inputs are NumPy .npy files in the model's input order; their dtype must match the input tensor and their\n"
    "  shape must match it (dynamic dimensions are resized). Writes DIR/output_<i>.npy for each output i.\n"
    "  --backend cpu|reference|vulkan   backend to run on (default cpu)\n"
    "  --device D                Vulkan device: index or part of its name\n"
    "  --fp16                    Vulkan: float tensors stored as float16 on the device (float32 arithmetic)\n";

inline int cmd_run(int argc, char** argv) {
    args a = parse_args(argc, argv, 2, {"--input", "--output-dir", "--backend", "--device"}, {"--fp16", "--help", "-h"});
    if (a.has_flag("--help")) return std::printf("%s", run_usage), 0;
    if (!a.error.empty() || a.positional.size() != 1 || a.get("--output-dir").empty())
        return std::fprintf(stderr, "%s%s", a.error.empty() ? "" : (a.error + "\n").c_str(), run_usage), 2;
    auto m = model::from_file(a.positional[0]);
    if (!m) return std::fprintf(stderr, "error: %s\n", m.error().message().c_str()), 1;
    backend_choice backends;
    interpreter_options options;
    backends.vulkan_fp16 = a.has_flag("--fp16");
    if (!backends.apply(a.get("--backend", "cpu"), options, a.get("--device")))
        return std::fprintf(stderr, "error: %s\n", backends.error.c_str()), 2;
    interpreter it(*m, options);
    model_inputs inputs;
    inputs.files = a.all("--input");
    if (inputs.files.size() != it.input_count())
        return std::fprintf(stderr, "error: the model has %zu inputs, %zu --input files given\n", it.input_count(),
                            inputs.files.size()), 2;
    status s = inputs.load();
    if (s) s = inputs.resize(it);
    if (s) s = it.allocate();
    if (s) s = inputs.fill(it);
    if (!s) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    s = it.invoke();
    if (!s) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    const std::string dir = a.get("--output-dir");
    ::mkdir(dir.c_str(), 0755);
    for (size_t i = 0; i < it.output_count(); ++i) {
        const tensor& t = it.output(i);
        npy::dtype type;
        if (!npy_type_for(t.type, type))
            return std::fprintf(stderr, "error: output %zu has dtype %s, which .npy cannot hold\n", i, dtype_name(t.type)), 1;
        std::vector<int64_t> dims(t.dims.begin(), t.dims.end());
        const std::string path = dir + "/output_" + std::to_string(i) + ".npy";
        status w = npy::save(path, type, dims, t.data, t.bytes);
        if (!w) return std::fprintf(stderr, "error: %s: %s\n", path.c_str(), w.message().c_str()), 1;
    }
    return 0;
}

}  // namespace flatnn::cli
