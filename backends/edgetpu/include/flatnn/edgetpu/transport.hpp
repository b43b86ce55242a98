#pragma once
// The link to an Edge TPU, as the host sequencer sees it (edgetpu.md §2.4, USB operating mode 2): one bulk-out
// stream of framed transfers, a bulk-in stream of output activations and an event stream ("done" interrupts).
// A USB driver, or the simulated device of the tests, implements it.
#include <cstddef>
#include <cstdint>

#include "flatnn/core/status.hpp"

namespace flatnn::edgetpu {

// Frame tags on the bulk-out endpoint: header [u32 payload length LE][u8 tag][3 zero bytes], then the payload.
enum class frame_tag : uint8_t { instructions = 0, input_activations = 1, parameters = 2 };
inline constexpr size_t frame_header_bytes = 8;

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
    // Waits for the next event (the interrupt a hint announces).
    virtual status wait_event() = 0;
};

}  // namespace flatnn::edgetpu
