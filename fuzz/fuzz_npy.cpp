// libFuzzer harness: the .npy reader of `flatnn run`. A file it accepts must survive a write + read round trip
// unchanged.
#include <cstddef>
#include <cstdint>

#include "flatnn/io/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto a = flatnn::npy::read(data, size);
    if (!a) return 0;
    if (a->bytes.size() > (size_t(1) << 24)) return 0;
    auto bytes = flatnn::npy::encode(*a);
    if (!bytes) return 0;
    auto b = flatnn::npy::read(bytes->data(), bytes->size());
    if (!b || b->type != a->type || b->shape != a->shape || b->bytes != a->bytes) __builtin_trap();
    return 0;
}
