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
#include "flatnn/io/npy.hpp"

namespace flatnn::cli {

inline const char* run_usage =
    "usage: flatnn run MODEL --input a.npy [--input b.npy ...] --output-dir DIR\n"
    "  Inputs are NumPy .npy files in the model's input order; their dtype must match the input tensor and their\n"
    "  shape must match it (dynamic dimensions are resized). Writes DIR/output_<i>.npy for each output i.\n"
    "  --backend cpu|reference|vulkan   backend to run on (default cpu)\n"
    "  --device D                Vulkan device: index or part of its name\n";

inline bool npy_type_for(dtype t, npy::dtype& out) {
    switch (t) {
        case dtype::float32: out = npy::dtype::f32; return true;
        case dtype::float64: out = npy::dtype::f64; return true;
        case dtype::float16: out = npy::dtype::f16; return true;
        case dtype::int8: out = npy::dtype::i8; return true;
        case dtype::uint8: out = npy::dtype::u8; return true;
        case dtype::int16: out = npy::dtype::i16; return true;
        case dtype::uint16: out = npy::dtype::u16; return true;
        case dtype::int32: out = npy::dtype::i32; return true;
        case dtype::uint32: out = npy::dtype::u32; return true;
        case dtype::int64: out = npy::dtype::i64; return true;
        case dtype::uint64: out = npy::dtype::u64; return true;
        case dtype::boolean: out = npy::dtype::boolean; return true;
        default: return false;
    }
}

inline int cmd_run(int argc, char** argv) {
    args a = parse_args(argc, argv, 2, {"--input", "--output-dir", "--backend", "--device"}, {"--help", "-h"});
    if (a.has_flag("--help")) return std::printf("%s", run_usage), 0;
    if (!a.error.empty() || a.positional.size() != 1 || a.get("--output-dir").empty())
        return std::fprintf(stderr, "%s%s", a.error.empty() ? "" : (a.error + "\n").c_str(), run_usage), 2;
    auto m = model::from_file(a.positional[0]);
    if (!m) return std::fprintf(stderr, "error: %s\n", m.error().message().c_str()), 1;
    backend_choice backends;
    interpreter_options options;
    if (!backends.apply(a.get("--backend", "cpu"), options, a.get("--device")))
        return std::fprintf(stderr, "error: %s\n", backends.error.c_str()), 2;
    interpreter it(*m, options);
    const auto& inputs = a.all("--input");
    if (inputs.size() != it.input_count())
        return std::fprintf(stderr, "error: the model has %zu inputs, %zu --input files given\n", it.input_count(),
                            inputs.size()), 2;
    std::vector<npy::array> arrays;
    for (size_t i = 0; i < inputs.size(); ++i) {
        auto arr = npy::load(inputs[i]);
        if (!arr) return std::fprintf(stderr, "error: input %zu: %s\n", i, arr.error().message().c_str()), 1;
        tensor& t = it.input(i);
        npy::dtype want;
        if (!npy_type_for(t.type, want) || arr->type != want)
            return std::fprintf(stderr, "error: input %zu '%.*s' has dtype %s but %s holds %s\n", i, int(t.name.size()),
                                t.name.data(), dtype_name(t.type), inputs[i].c_str(), npy::descr_of(arr->type).c_str()), 1;
        shape s;
        for (int64_t d : arr->shape)
            if (d > INT32_MAX || !s.push_back(int32_t(d)))
                return std::fprintf(stderr, "error: input %zu: shape too large\n", i), 1;
        if (s != t.dims) {
            status r = it.resize_input(i, s);
            if (!r)
                return std::fprintf(stderr, "error: input %zu '%.*s' has shape %s but %s holds %s (%s)\n", i,
                                    int(t.name.size()), t.name.data(), t.dims.str().c_str(), inputs[i].c_str(),
                                    s.str().c_str(), r.message().c_str()), 1;
        }
        arrays.push_back(std::move(*arr));
    }
    status s = it.allocate();
    if (!s) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    for (size_t i = 0; i < arrays.size(); ++i) {
        tensor& t = it.input(i);
        if (arrays[i].bytes.size() != t.bytes)
            return std::fprintf(stderr, "error: input %zu: %zu bytes given, %zu needed\n", i, arrays[i].bytes.size(), t.bytes), 1;
        if (t.bytes) std::memcpy(t.data, arrays[i].bytes.data(), t.bytes);
    }
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
