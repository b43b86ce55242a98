// The flatnn command: inspect, run, classify, bench and compare TensorFlow Lite models.
#include <cstdio>
#include <cstring>

#include "flatnn/cmd_bench.hpp"
#include "flatnn/cmd_classify.hpp"
#include "flatnn/cmd_compare.hpp"
#include "flatnn/cmd_inspect.hpp"
#include "flatnn/cmd_run.hpp"

namespace {
const char* usage =
    "usage: flatnn <command> [options]\n"
    "commands:\n"
    "  inspect MODEL                      subgraphs, tensors, ops, memory plan\n"
    "  run MODEL --input a.npy ... --output-dir DIR\n"
    "                                     run on NumPy inputs, write DIR/output_<i>.npy\n"
    "  classify MODEL IMAGE [--labels F] [--top K]\n"
    "                                     classify a BMP/PNG/JPEG image\n"
    "  bench MODEL [--backend B] [--threads N] [--runs R] [--warmup W] [--profile] [--json] [--trace F]\n"
    "                                     latency and per-op profile\n"
    "  compare MODEL --backends reference,cpu,vulkan [--input a.npy ...] [--atol X] [--json]\n"
    "                                     every intermediate tensor across backends; the first divergence\n"
    "  version                            print the version\n"
    "Run `flatnn <command> --help` for a command's options.\n";
}

int main(int argc, char** argv) {
    if (argc < 2) return std::fprintf(stderr, "%s", usage), 2;
    const char* cmd = argv[1];
    if (!std::strcmp(cmd, "--help") || !std::strcmp(cmd, "-h") || !std::strcmp(cmd, "help"))
        return std::printf("%s", usage), 0;
    if (!std::strcmp(cmd, "version") || !std::strcmp(cmd, "--version"))
        return std::printf("flatnn %s\n", FLATNN_VERSION_STRING), 0;
    if (!std::strcmp(cmd, "inspect")) return flatnn::cli::cmd_inspect(argc, argv);
    if (!std::strcmp(cmd, "run")) return flatnn::cli::cmd_run(argc, argv);
    if (!std::strcmp(cmd, "classify")) return flatnn::cli::cmd_classify(argc, argv);
    if (!std::strcmp(cmd, "bench")) return flatnn::cli::cmd_bench(argc, argv);
    if (!std::strcmp(cmd, "compare")) return flatnn::cli::cmd_compare(argc, argv);
    std::fprintf(stderr, "flatnn: unknown command '%s'\n%s", cmd, usage);
    return 2;
}
