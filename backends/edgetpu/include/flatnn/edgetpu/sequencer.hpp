#pragma once
// Runs one executable over a transport by following its DMA hints, the order the device expects (edgetpu.md §6
// (b2)): instruction chunks and infeed DMAs become framed bulk-out transfers, outfeed DMAs are bulk-in reads into
// the raw output buffers, interrupt hints wait for the device's event. The parser checked every index and range.
#include <cstdint>
#include <string>
#include <vector>

#include "flatnn/core/status.hpp"
#include "flatnn/edgetpu/package.hpp"
#include "flatnn/edgetpu/transport.hpp"

namespace flatnn::edgetpu {

// The buffers of one run, each indexed like the executable's chunks, input layers and output layers.
struct run_buffers {
    const std::vector<std::vector<uint8_t>>* chunks = nullptr;  // linked instruction chunks
    const std::vector<std::vector<uint8_t>>* inputs = nullptr;  // padded, sign-flipped inputs (size_bytes each)
    std::vector<std::vector<uint8_t>>* outputs = nullptr;       // raw padded outputs (size_bytes each)
};

namespace detail {
inline status send_frame(transport& t, frame_tag tag, const uint8_t* data, uint32_t size) {
    uint8_t header[frame_header_bytes];
    write_frame_header(header, size, tag);
    FLATNN_TRY(t.bulk_out(header, sizeof header));
    return t.bulk_out(data, size);
}
inline status hint_error(const executable& e, size_t i, const status& s) {
    return status::error("edgetpu executable '" + std::string(e.name) + "' (" + executable_type_name(e.type) +
                         "), DMA hint " + std::to_string(i) + ": " + s.message());
}
}  // namespace detail

// Parameter bytes sent, for the caching statistics.
inline status run_executable(transport& t, const executable& e, const run_buffers& b, uint64_t* parameter_bytes = nullptr) {
    for (size_t i = 0; i < e.hints.size(); ++i) {
        const dma_hint& h = e.hints[i];
        status s;
        switch (h.kind) {
            case hint_kind::instruction: {
                const std::vector<uint8_t>& c = (*b.chunks)[h.chunk];
                s = detail::send_frame(t, frame_tag::instructions, c.data(), uint32_t(c.size()));
                break;
            }
            case hint_kind::dma:
                if (h.desc == description::base_address_parameter) {
                    s = detail::send_frame(t, frame_tag::parameters, e.parameters + h.offset, h.size);
                    if (s && parameter_bytes) *parameter_bytes += h.size;
                } else if (h.desc == description::base_address_input_activation) {
                    s = detail::send_frame(t, frame_tag::input_activations,
                                           (*b.inputs)[size_t(h.layer)].data() + h.offset, h.size);
                } else {
                    s = t.bulk_in((*b.outputs)[size_t(h.layer)].data() + h.offset, h.size);
                }
                break;
            case hint_kind::interrupt: s = t.wait_event(); break;
            case hint_kind::fence: break;  // transfers are issued one after another: nothing is in flight
        }
        if (!s) return detail::hint_error(e, i, s);
    }
    return status::ok();
}

}  // namespace flatnn::edgetpu
