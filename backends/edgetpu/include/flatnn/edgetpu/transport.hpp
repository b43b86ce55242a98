#pragma once
// The link to an Edge TPU, as the host sequencer sees it (edgetpu.md §2.4, USB operating mode 2): one bulk-out
// stream of framed transfers, a bulk-in stream of output activations and an event stream (endpoint 0x82: 16-byte
// descriptors [u64 address][u32 length][u8 tag]). Tag 4-7 is an interrupt ("done"); tag 3 announces an output DMA
// the device starts by itself, which only executables whose hints are not fully deterministic use (LSTM).
// A USB driver, or the simulated device of the tests, implements it.
#include <cstddef>
#include <cstdint>

#include "flatnn/core/status.hpp"

namespace flatnn::edgetpu {

// Frame tags on the bulk-out endpoint: header [u32 payload length LE][u8 tag][3 zero bytes], then the payload.
enum class frame_tag : uint8_t { instructions = 0, input_activations = 1, parameters = 2 };
inline constexpr size_t frame_header_bytes = 8;

// Event tags on the event endpoint (the frame tags continued: 3 output activations, 4-7 interrupts 0-3).
inline constexpr uint8_t event_output_activations = 3;
inline constexpr uint8_t event_interrupt0 = 4;

struct device_event {
    uint64_t address = 0;  // output events: the device address (as linked into the instructions) of the bytes
    uint32_t length = 0;   // output events: how many bytes follow on bulk-in
    uint8_t tag = event_interrupt0;
    bool is_interrupt() const noexcept { return tag >= event_interrupt0 && tag < event_interrupt0 + 4; }
};

inline void write_frame_header(uint8_t* h, uint32_t length, frame_tag tag) noexcept {
    h[0] = uint8_t(length), h[1] = uint8_t(length >> 8), h[2] = uint8_t(length >> 16), h[3] = uint8_t(length >> 24);
    h[4] = uint8_t(tag), h[5] = h[6] = h[7] = 0;
}

class transport {
public:
    virtual ~transport() = default;
    // Bytes of the bulk-out stream, in order (frame boundaries are not transfer boundaries).
    virtual status bulk_out(const uint8_t* data, size_t size) = 0;
    // Reads exactly `size` bytes of output activations.
    virtual status bulk_in(uint8_t* data, size_t size) = 0;
    // Waits for the next event: the interrupt a hint announces, or a device-driven output DMA.
    virtual status wait_event(device_event& event) = 0;
};

}  // namespace flatnn::edgetpu
