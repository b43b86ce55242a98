// Every input that ever crashed a fuzz harness (or tripped a sanitizer) is kept in tests/data/hostile and run
// here the way the harness ran it. NAME.tflite comes with NAME.expect: its first line
// is "ok" when the input must load, allocate and invoke, or a part of the error message it must be refused with.
// Under the sanitizer build (the single-header suite of .ci/checks/20-packaging.sh) these also prove the fix.
#include <doctest/doctest.h>
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

std::vector<uint8_t> read_all(const std::string& path) {
    std::vector<uint8_t> bytes;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        uint8_t buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
        std::fclose(f);
    }
    return bytes;
}

std::string first_line(const std::vector<uint8_t>& bytes) {
    std::string s(bytes.begin(), bytes.end());
    return s.substr(0, s.find('\n'));
}

std::string hostile_dir() { return test::test_data_dir() + "/hostile"; }

std::vector<std::string> files_with(const char* ext) {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(hostile_dir().c_str())) {
        while (const dirent* e = ::readdir(d)) {
            const std::string name = e->d_name;
            const size_t n = std::strlen(ext);
            if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) names.push_back(name.substr(0, name.size() - n));
        }
        ::closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// As fuzz/fuzz_invoke.cpp: tight limits, zero inputs, two allocate + invoke rounds. Returns "ok" or the error.
std::string run_model(const std::vector<uint8_t>& bytes, bool with_cpu_backend) {
    load_limits limits;
    limits.max_tensor_bytes = uint64_t(1) << 25;
    auto m = model::from_memory(bytes.data(), bytes.size(), limits);
    if (!m) return m.error().message();
    cpu_backend cpu;
    interpreter_options options;
    options.max_arena_bytes = uint64_t(1) << 25;
    if (with_cpu_backend) options.backends.push_back(make_backend_ref(cpu));
    interpreter it(*m, options);
    for (int round = 0; round < 2; ++round) {
        if (status s = it.allocate(); !s) return s.message();
        for (size_t i = 0; i < it.input_count(); ++i)
            if (it.input(i).data) std::memset(it.input(i).data, 0, it.input(i).bytes);
        if (status s = it.invoke(); !s) return s.message();
    }
    return "ok";
}

}  // namespace

TEST_CASE("fuzzer-found models in tests/data/hostile give their recorded outcome") {
    const auto names = files_with(".tflite");
    REQUIRE_MESSAGE(!names.empty(), "no .tflite files in " << hostile_dir());
    for (const auto& name : names) {
        CAPTURE(name);
        const auto bytes = read_all(hostile_dir() + "/" + name + ".tflite");
        const std::string expect = first_line(read_all(hostile_dir() + "/" + name + ".expect"));
        REQUIRE_MESSAGE(!expect.empty(), name << ".expect is missing or empty");
        for (bool cpu : {false, true}) {
            const std::string got = run_model(bytes, cpu);
            CAPTURE(cpu);
            if (expect == "ok") CHECK(got == "ok");
            else CHECK_MESSAGE(got.find(expect) != std::string::npos, "got: " << got);
        }
    }
}
