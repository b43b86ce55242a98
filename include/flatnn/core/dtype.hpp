#pragma once
// Element types, numbered as TensorType in schema/tflite.fbs.
#include <cstddef>
#include <cstdint>

namespace flatnn {

enum class dtype : int8_t {
    float32 = 0, float16 = 1, int32 = 2, uint8 = 3, int64 = 4, string = 5, boolean = 6, int16 = 7,
    complex64 = 8, int8 = 9, float64 = 10, complex128 = 11, uint64 = 12, resource = 13, variant = 14,
    uint32 = 15, uint16 = 16, int4 = 17, bfloat16 = 18, int2 = 19, uint4 = 20, float8_e4m3fn = 21, float8_e5m2 = 22,
};

inline constexpr int dtype_count = 23;

inline const char* dtype_name(dtype t) noexcept {
    static const char* const names[dtype_count] = {
        "float32", "float16", "int32",  "uint8",  "int64",    "string", "bool",   "int16",
        "complex64", "int8",  "float64", "complex128", "uint64", "resource", "variant", "uint32",
        "uint16",  "int4",    "bfloat16", "int2",  "uint4",  "float8_e4m3fn", "float8_e5m2"};
    const int i = int(t);
    return (i >= 0 && i < dtype_count) ? names[i] : "unknown";
}

inline bool dtype_known(int v) noexcept { return v >= 0 && v < dtype_count; }

// Bytes per element; 0 for types without a fixed element size (string, resource, variant, sub-byte types).
inline size_t dtype_size(dtype t) noexcept {
    switch (t) {
        case dtype::float32: case dtype::int32: case dtype::uint32: return 4;
        case dtype::float16: case dtype::int16: case dtype::uint16: case dtype::bfloat16: return 2;
        case dtype::uint8: case dtype::int8: case dtype::boolean: case dtype::float8_e4m3fn: case dtype::float8_e5m2: return 1;
        case dtype::int64: case dtype::uint64: case dtype::float64: case dtype::complex64: return 8;
        case dtype::complex128: return 16;
        default: return 0;
    }
}

inline bool dtype_is_integer(dtype t) noexcept {
    switch (t) {
        case dtype::int8: case dtype::uint8: case dtype::int16: case dtype::uint16: case dtype::int32:
        case dtype::uint32: case dtype::int64: case dtype::uint64: case dtype::boolean: return true;
        default: return false;
    }
}

template <class T> struct dtype_of;
template <> struct dtype_of<float> { static constexpr dtype value = dtype::float32; };
template <> struct dtype_of<double> { static constexpr dtype value = dtype::float64; };
template <> struct dtype_of<int8_t> { static constexpr dtype value = dtype::int8; };
template <> struct dtype_of<uint8_t> { static constexpr dtype value = dtype::uint8; };
template <> struct dtype_of<int16_t> { static constexpr dtype value = dtype::int16; };
template <> struct dtype_of<uint16_t> { static constexpr dtype value = dtype::uint16; };
template <> struct dtype_of<int32_t> { static constexpr dtype value = dtype::int32; };
template <> struct dtype_of<uint32_t> { static constexpr dtype value = dtype::uint32; };
template <> struct dtype_of<int64_t> { static constexpr dtype value = dtype::int64; };
template <> struct dtype_of<uint64_t> { static constexpr dtype value = dtype::uint64; };
template <> struct dtype_of<bool> { static constexpr dtype value = dtype::boolean; };
template <class T> inline constexpr dtype dtype_of_v = dtype_of<T>::value;

}  // namespace flatnn
