#pragma once
// Model inputs for the flatnn subcommands: NumPy .npy files (dtype and shape checked, dynamic dimensions resized)
// or generated ones (seeded random, or zeros). Used by run, bench and compare, so every command feeds a model
// the same way.
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/io/npy.hpp"

namespace flatnn::cli {

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

// Floats uniform in [-1, 1], every other type uniform bytes.
inline void fill_random(tensor& t, std::mt19937& rng) {
    std::uniform_int_distribution<int> byte(0, 255);
    if (t.type == dtype::float32) {
        std::uniform_real_distribution<float> u(-1.0f, 1.0f);
        for (int64_t i = 0; i < t.num_elements(); ++i) t.data_as<float>()[i] = u(rng);
    } else {
        for (size_t i = 0; i < t.bytes; ++i) t.data[i] = uint8_t(byte(rng));
    }
}

// Where the inputs come from. With files, load() reads them and resize() fits the interpreter to their shapes;
// without, fill() writes random (seeded) or zero inputs. The same model_inputs feeds several interpreters
// identically.
struct model_inputs {
    std::vector<std::string> files;
    std::vector<npy::array> arrays;
    uint32_t seed = 42;
    bool zeros = false;  // zero bytes instead of random ones (a quantized zero is the bit pattern 0, not zero_point)

    status load() {
        arrays.clear();
        for (size_t i = 0; i < files.size(); ++i) {
            auto arr = npy::load(files[i]);
            if (!arr) return status::error("input " + std::to_string(i) + ": " + arr.error().message());
            arrays.push_back(std::move(*arr));
        }
        return status::ok();
    }

    // Before allocate(): dtype check and resize to the files' shapes.
    status resize(interpreter& it) const {
        if (files.empty()) return status::ok();
        if (arrays.size() != it.input_count())
            return status::error("the model has " + std::to_string(it.input_count()) + " inputs, " +
                                 std::to_string(arrays.size()) + " --input files given");
        for (size_t i = 0; i < arrays.size(); ++i) {
            tensor& t = it.input(i);
            npy::dtype want;
            if (!npy_type_for(t.type, want) || arrays[i].type != want)
                return status::error("input " + std::to_string(i) + " '" + std::string(t.name) + "' has dtype " +
                                     dtype_name(t.type) + " but " + files[i] + " holds " + npy::descr_of(arrays[i].type));
            shape s;
            for (int64_t d : arrays[i].shape)
                if (d > INT32_MAX || !s.push_back(int32_t(d)))
                    return status::error("input " + std::to_string(i) + ": shape too large");
            if (s != t.dims) {
                status r = it.resize_input(i, s);
                if (!r)
                    return status::error("input " + std::to_string(i) + " '" + std::string(t.name) + "' has shape " +
                                         t.dims.str() + " but " + files[i] + " holds " + s.str() + " (" + r.message() + ")");
            }
        }
        return status::ok();
    }

    // After allocate(): writes the inputs.
    status fill(interpreter& it) const {
        if (files.empty()) {
            std::mt19937 rng(seed);
            for (size_t i = 0; i < it.input_count(); ++i) {
                tensor& t = it.input(i);
                if (zeros) {
                    if (t.bytes) std::memset(t.data, 0, t.bytes);
                } else {
                    fill_random(t, rng);
                }
            }
            return status::ok();
        }
        for (size_t i = 0; i < arrays.size(); ++i) {
            tensor& t = it.input(i);
            if (arrays[i].bytes.size() != t.bytes)
                return status::error("input " + std::to_string(i) + ": " + std::to_string(arrays[i].bytes.size()) +
                                     " bytes given, " + std::to_string(t.bytes) + " needed");
            if (t.bytes) std::memcpy(t.data, arrays[i].bytes.data(), t.bytes);
        }
        return status::ok();
    }
};

}  // namespace flatnn::cli
