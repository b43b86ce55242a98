#pragma once
// Runs one executable over a transport by following its DMA hints, the order the device expects (edgetpu.md §6
// (b2)): instruction chunks and infeed DMAs become framed bulk-out transfers, outfeed DMAs are bulk-in reads into
// the raw output buffers, interrupt hints wait for the device's event. The parser checked every index and range.
// When the hints are not fully deterministic (LSTM executables: no outfeed and no interrupt hint), the hints
// cover only the host's transfers; the device then announces each output DMA itself with an event carrying the
// address it was linked to, and ends the run with the interrupt. The host maps each address back to the output
// layer whose linked buffer holds it, and checks every output layer was filled exactly once.
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
    // Device-driven outputs only: the address linked for each output layer, and a per-layer byte count (sized to
    // the output layers in advance: a run allocates nothing).
    const std::vector<uint64_t>* output_addresses = nullptr;
    std::vector<uint64_t>* output_received = nullptr;
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
inline std::string hex(uint64_t v) {
    static const char digits[] = "0123456789abcdef";
    std::string s = "0x";
    bool started = false;
    for (int i = 60; i >= 0; i -= 4) {
        const unsigned d = unsigned(v >> i) & 15u;
        if (d || started || i == 0) s += digits[d], started = true;
    }
    return s;
}

inline status run_error(const executable& e, const std::string& what) {
    return status::error("edgetpu executable '" + std::string(e.name) + "' (" + executable_type_name(e.type) + "): " +
                         what);
}

// After the hints of a not fully deterministic executable: output DMAs announced by the device, then "done".
inline status device_driven_outputs(transport& t, const executable& e, const run_buffers& b) {
    if (!e.outputs.empty() &&
        (!b.outputs || !b.output_addresses || !b.output_received || b.output_addresses->size() != e.outputs.size() ||
         b.output_received->size() != e.outputs.size()))
        return run_error(e, "device-driven outputs need the linked output addresses");
    uint64_t* received = e.outputs.empty() ? nullptr : b.output_received->data();
    uint64_t limit = 0;
    for (size_t k = 0; k < e.outputs.size(); ++k) received[k] = 0, limit += e.outputs[k].size_bytes;
    uint64_t total = 0;
    for (;;) {
        device_event ev;
        if (status s = t.wait_event(ev); !s) return run_error(e, "waiting for a device event: " + s.message());
        if (ev.is_interrupt()) break;
        if (ev.tag != event_output_activations)
            return run_error(e, "device event with tag " + std::to_string(ev.tag) +
                                    " where an output DMA (3) or the done interrupt (4-7) was expected");
        size_t k = 0;
        for (; k < e.outputs.size(); ++k) {
            const uint64_t base = (*b.output_addresses)[k], size = e.outputs[k].size_bytes;
            if (ev.address >= base && ev.address - base <= size && ev.length <= size - (ev.address - base)) break;
        }
        if (k == e.outputs.size() || ev.length == 0)
            return run_error(e, "device announces " + std::to_string(ev.length) + " output bytes at address " +
                                    hex(ev.address) + ", which lie in no output layer's buffer");
        total += ev.length;
        if (total > limit)
            return run_error(e, "device sends more output bytes than the " + std::to_string(limit) +
                                    " its output layers hold");
        const uint64_t at = ev.address - (*b.output_addresses)[k];
        if (status s = t.bulk_in((*b.outputs)[k].data() + at, ev.length); !s)
            return run_error(e, "reading output layer '" + std::string(e.outputs[k].name) + "': " + s.message());
        received[k] += ev.length;
    }
    for (size_t k = 0; k < e.outputs.size(); ++k)
        if (received[k] != e.outputs[k].size_bytes)
            return run_error(e, "output layer '" + std::string(e.outputs[k].name) + "' received " +
                                    std::to_string(received[k]) + " of its " + std::to_string(e.outputs[k].size_bytes) +
                                    " bytes before the done interrupt");
    return status::ok();
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
            case hint_kind::interrupt: {
                device_event ev;
                s = t.wait_event(ev);
                if (s && !ev.is_interrupt())
                    s = status::error("expected the done interrupt, the device sent an event with tag " +
                                      std::to_string(ev.tag));
                break;
            }
            case hint_kind::fence: break;  // transfers are issued one after another: nothing is in flight
        }
        if (!s) return detail::hint_error(e, i, s);
    }
    if (!e.fully_deterministic) return detail::device_driven_outputs(t, e, b);
    return status::ok();
}

}  // namespace flatnn::edgetpu
