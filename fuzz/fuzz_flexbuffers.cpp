// libFuzzer harness: the FlexBuffers reader and the custom-op option parsers built on it. Every accessor is
// called on every reachable value (bounded depth and count): each must return a value or an error.
#include <cstddef>
#include <cstdint>

#include "flatnn/model/flexbuffers.hpp"
#include "flatnn/reference/detection_postprocess.hpp"
#include "flatnn/reference/posenet_decoder.hpp"

namespace fx = flatnn::flexbuffers;

namespace {

size_t g_visits = 0;

void touch(const fx::flex_value& v, unsigned depth) {
    if (depth > 8 || ++g_visits > 512) return;
    volatile double sink = 0;
    if (auto i = v.as_int64()) sink = sink + double(*i);
    if (auto u = v.as_uint64()) sink = sink + double(*u);
    if (auto d = v.as_double()) sink = sink + *d;
    if (auto f = v.as_float()) sink = sink + double(*f);
    if (auto i = v.as_int32()) sink = sink + *i;
    if (auto b = v.as_bool()) sink = sink + *b;
    if (auto s = v.as_string()) sink = sink + (s->empty() ? 0 : s->back());
    if (auto b = v.as_blob()) sink = sink + (b->size ? b->data[b->size - 1] : 0);
    if (auto vec = v.as_vector()) {
        for (size_t i = 0; i < vec->size() && i < 64; ++i)
            if (auto e = vec->at(i)) touch(*e, depth + 1);
        (void)vec->at(vec->size());  // one past the end: an error, never a read
    }
    if (auto m = v.as_map()) {
        for (size_t i = 0; i < m->size() && i < 64; ++i) {
            if (auto k = m->key_at(i)) {
                if (auto found = m->find(*k)) touch(*found, depth + 1);
            }
            if (auto e = m->value_at(i)) touch(*e, depth + 1);
        }
        (void)m->find("max_detections");
        (void)m->find("");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)fx::flex_verify(data, size);
    g_visits = 0;
    if (auto root = fx::flex_root(data, size)) touch(*root, 0);
    (void)flatnn::reference::parse_detection_postprocess_options(data, size);
    (void)flatnn::reference::parse_posenet_decoder_options(data, size);
    return 0;
}
