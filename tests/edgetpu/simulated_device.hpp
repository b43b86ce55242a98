#pragma once
// A simulated Edge TPU behind the transport interface. It knows the executables of the packages registered with
// it and plays the device's side of edgetpu.md §6 (b2): it parses the framed bulk-out stream byte by byte (frame
// boundaries need not match write boundaries), identifies each run by its instruction chunk, then follows that
// executable's DMA hints and checks:
//   - framing: header length and tag, zero padding bytes;
//   - order and sizes: every frame is the transfer the next hint announces, outputs are read in hint order;
//   - instructions: equal to the bitstream except inside the 32-bit field_offset ranges (the linked addresses);
//   - parameters: equal to the executable's parameters at the hint's offset;
//   - inputs: equal to the caller's tensor (registered with expect_input), sign bit flipped for signed layers,
//     zero past the tensor.
// Outfeed hints queue canned output bytes (a layer's padded tiles, by default a fixed pattern) for bulk_in;
// interrupt hints queue an interrupt event for wait_event. Every violation is recorded in errors() and fails the
// call. The host must take what the device queued in order (data with bulk_in, events with wait_event).
//
// Executables whose hints are not fully deterministic (LSTM: the hints end with the last infeed, no outfeed and
// no interrupt hint) are played the simplest way that keeps the device's side honest: once the hinted transfers
// are in, the device announces each output layer with an output-activations event (tag 3) carrying the address
// the host linked into the instructions for that layer (read back from the instruction bytes it received) and
// the layer's size, queues the layer's bytes, and ends with the interrupt. Layers are announced in reverse order,
// so a host that assumes the layer order instead of decoding addresses fails. The real device may split a layer
// into several DMAs; one per layer is what this models.
//
// Batches: expect_input(..., batches) checks the k-th run of a layer against element k % batches of the tensor;
// vary_outputs(true) makes the default canned bytes differ per run (canned_output(l, run)).
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "flatnn/edgetpu/package.hpp"
#include "flatnn/edgetpu/transport.hpp"

namespace flatnn::test {

class simulated_device : public edgetpu::transport {
public:
    struct input_source {
        const uint8_t* const* data = nullptr;  // read at check time: where the tensor lives then
        const size_t* size = nullptr;
        size_t batches = 1;
    };

    void add_package(const edgetpu::package& p) {
        for (const auto& e : p.executables) executables_.push_back(&e);
    }
    // The tensor behind input layer `name`: checked when the layer's bytes arrive.
    void expect_input(const std::string& name, const uint8_t* const* data, const size_t* size, size_t batches = 1) {
        inputs_[name] = input_source{data, size, batches ? batches : 1};
    }
    void set_output(const std::string& name, std::vector<uint8_t> raw) { fixed_[name] = std::move(raw); }
    void vary_outputs(bool on) { vary_ = on; }
    // The padded tiles returned for an output layer on its `run`-th run (counting from 0): the bytes set_output
    // gave, else a pattern (the same for every run unless vary_outputs).
    const std::vector<uint8_t>& canned_output(const edgetpu::layer& l, size_t run = 0) {
        const std::string name(l.name);
        if (auto f = fixed_.find(name); f != fixed_.end()) return f->second;
        const size_t k = vary_ ? run : 0;
        auto it = canned_.find({name, k});
        if (it == canned_.end()) {
            std::vector<uint8_t> raw(l.size_bytes);
            for (size_t i = 0; i < raw.size(); ++i) raw[i] = uint8_t(i * 131u + 17u + l.size_bytes + k * 59u);
            it = canned_.emplace(std::make_pair(name, k), std::move(raw)).first;
        }
        return it->second;
    }
    // The bytes of input layer `name` as they last arrived (padded layer size; untouched parts stay zero).
    const std::vector<uint8_t>& last_input(const std::string& name) { return last_input_[name]; }
    // How many runs produced output layer `name` so far.
    size_t output_runs(const std::string& name) const {
        auto it = output_runs_.find(name);
        return it == output_runs_.end() ? 0 : it->second;
    }

    const std::vector<std::string>& errors() const { return errors_; }
    uint64_t parameter_bytes() const { return parameter_bytes_; }
    uint64_t input_bytes() const { return input_bytes_; }
    uint64_t instruction_frames() const { return instruction_frames_; }
    uint64_t completed_runs() const { return completed_runs_; }
    // Whether a run is finished and everything it produced was read.
    bool idle() const { return !current_ && out_queue_.empty() && state_ == state::header; }

    status bulk_out(const uint8_t* data, size_t size) override {
        for (size_t i = 0; i < size;) {
            if (state_ == state::header) {
                header_[header_fill_++] = data[i++];
                if (header_fill_ == edgetpu::frame_header_bytes && !begin_frame()) return fail_status();
                continue;
            }
            const size_t n = std::min(size - i, size_t(remaining_));
            if (!payload(data + i, n)) return fail_status();
            i += n;
            remaining_ -= uint32_t(n);
            received_ += n;
            if (remaining_ == 0 && !end_frame()) return fail_status();
        }
        return status::ok();
    }

    status bulk_in(uint8_t* data, size_t size) override {
        if (out_queue_.empty()) return error("host reads " + std::to_string(size) + " output bytes but the device has none queued");
        item& c = out_queue_.front();
        if (c.is_event)
            return error("host reads " + std::to_string(size) + " output bytes where the device sent an event (tag " +
                         std::to_string(c.event.tag) + ")");
        if (c.bytes.size() != size)
            return error("host reads " + std::to_string(size) + " bytes where the device sends " + std::to_string(c.bytes.size()) +
                         " of '" + c.layer + "'");
        std::memcpy(data, c.bytes.data(), size);
        out_queue_.pop_front();
        return status::ok();
    }

    status wait_event(edgetpu::device_event& event) override {
        if (out_queue_.empty()) return error("host waits for an event the device did not raise");
        if (!out_queue_.front().is_event) return error("host waits for the event before reading all outputs");
        event = out_queue_.front().event;
        out_queue_.pop_front();
        return status::ok();
    }

private:
    enum class state { header, payload };
    struct item {  // what the device queued for the host: output bytes or an event
        bool is_event = false;
        edgetpu::device_event event;
        std::string layer;
        std::vector<uint8_t> bytes;
    };

    std::vector<const edgetpu::executable*> executables_;
    std::map<std::string, input_source> inputs_;
    std::map<std::string, std::vector<uint8_t>> fixed_;
    std::map<std::pair<std::string, size_t>, std::vector<uint8_t>> canned_;
    bool vary_ = false;
    std::map<std::string, size_t> output_runs_, input_runs_;
    std::map<std::string, std::vector<uint8_t>> last_input_;
    std::map<std::string, uint64_t> linked_outputs_;  // output layer -> address read from this run's instructions
    std::vector<std::string> errors_;
    std::deque<item> out_queue_;

    state state_ = state::header;
    uint8_t header_[edgetpu::frame_header_bytes] = {};
    size_t header_fill_ = 0;
    uint8_t tag_ = 0;
    uint32_t length_ = 0, remaining_ = 0;
    uint64_t received_ = 0;  // payload bytes of the current frame so far
    std::vector<uint8_t> instructions_;  // an instruction frame, buffered to identify the executable
    const edgetpu::executable* current_ = nullptr;
    size_t next_hint_ = 0;
    const edgetpu::dma_hint* hint_ = nullptr;  // the infeed hint the current frame carries
    std::vector<uint8_t> expected_input_;

    uint64_t parameter_bytes_ = 0, input_bytes_ = 0, instruction_frames_ = 0, completed_runs_ = 0;

    status error(const std::string& what) {
        errors_.push_back(what);
        return status::error("simulated device: " + what);
    }
    bool fail(const std::string& what) {
        errors_.push_back(what);
        return false;
    }
    status fail_status() { return status::error("simulated device: " + errors_.back()); }

    bool begin_frame() {
        header_fill_ = 0;
        length_ = uint32_t(header_[0]) | uint32_t(header_[1]) << 8 | uint32_t(header_[2]) << 16 | uint32_t(header_[3]) << 24;
        tag_ = header_[4];
        if (header_[5] || header_[6] || header_[7]) return fail("frame header padding bytes are not zero");
        if (!out_queue_.empty()) return fail("host sends a frame before reading the previous run's outputs/events");
        received_ = 0;
        remaining_ = length_;
        if (!current_) {
            if (tag_ != uint8_t(edgetpu::frame_tag::instructions))
                return fail("idle device receives a frame with tag " + std::to_string(tag_) + ", expected instructions (0)");
            instructions_.clear();
            instructions_.reserve(length_);
            hint_ = nullptr;
        } else {
            if (next_hint_ >= current_->hints.size()) return fail("frame after the executable's last hint");
            hint_ = &current_->hints[next_hint_];
            const unsigned want = hint_->kind == edgetpu::hint_kind::instruction ? 0u
                                  : hint_->desc == edgetpu::description::base_address_parameter ? 2u : 1u;
            const uint32_t want_len = hint_->kind == edgetpu::hint_kind::instruction
                                          ? uint32_t(current_->chunks[hint_->chunk].size) : hint_->size;
            if (hint_->kind == edgetpu::hint_kind::interrupt || hint_->dir != edgetpu::direction::infeed)
                return fail("frame arrives while hint " + std::to_string(next_hint_) + " is a device-side transfer");
            if (tag_ != want)
                return fail("hint " + std::to_string(next_hint_) + " expects tag " + std::to_string(want) + ", got " +
                            std::to_string(tag_));
            if (length_ != want_len)
                return fail("hint " + std::to_string(next_hint_) + " expects " + std::to_string(want_len) + " bytes, frame has " +
                            std::to_string(length_));
            if (tag_ == 1 && !build_expected_input()) return false;
            if (tag_ == 0) instructions_.clear();
        }
        state_ = length_ ? state::payload : state::header;
        return length_ ? true : end_frame();
    }

    bool build_expected_input() {
        const edgetpu::layer& l = current_->inputs[size_t(hint_->layer)];
        const std::string name(l.name);
        auto it = inputs_.find(name);
        if (it == inputs_.end()) return fail("no tensor registered for input layer '" + name + "'");
        const size_t batches = it->second.batches;
        const size_t n = *it->second.size / batches;
        const uint8_t* src = *it->second.data + (input_runs_[name] % batches) * n;
        expected_input_.assign(l.size_bytes, 0);
        const size_t eb = l.element_bytes();
        for (size_t i = 0; i < n && i < l.size_bytes; ++i) {
            const bool top_byte = (i % eb) == eb - 1;
            expected_input_[i] = uint8_t(src[i] ^ (edgetpu::data_type_signed(l.type) && top_byte ? 0x80 : 0));
        }
        auto& last = last_input_[name];
        if (last.size() != l.size_bytes) last.assign(l.size_bytes, 0);
        return true;
    }

    bool payload(const uint8_t* p, size_t n) {
        if (tag_ == 0) {
            instructions_.insert(instructions_.end(), p, p + n);
            return true;
        }
        const uint64_t at = hint_->offset + received_;
        const uint8_t* expect = tag_ == 2 ? current_->parameters + at : expected_input_.data() + at;
        if (std::memcmp(p, expect, n) != 0) {
            size_t k = 0;
            while (p[k] == expect[k]) ++k;
            return fail(std::string(tag_ == 2 ? "parameter" : "input") + " byte " + std::to_string(at + k) + " is " +
                        std::to_string(p[k]) + ", expected " + std::to_string(expect[k]) + " (hint " +
                        std::to_string(next_hint_) + ")");
        }
        (tag_ == 2 ? parameter_bytes_ : input_bytes_) += n;
        if (tag_ == 1) std::memcpy(last_input_[std::string(current_->inputs[size_t(hint_->layer)].name)].data() + at, p, n);
        return true;
    }

    // Equal outside the linked 32-bit fields?
    static bool same_instructions(const edgetpu::instruction_chunk& c, const std::vector<uint8_t>& got, size_t* where) {
        if (got.size() != c.size) return false;
        std::vector<uint8_t> mask(c.size, 0xff);
        for (const auto& f : c.fields)
            for (uint32_t b = f.offset_bit; b < f.offset_bit + 32; ++b) mask[b / 8] &= uint8_t(~(1u << (b % 8)));
        for (size_t i = 0; i < c.size; ++i)
            if ((got[i] ^ c.data[i]) & mask[i]) {
                if (where) *where = i;
                return false;
            }
        return true;
    }

    bool end_frame() {
        state_ = state::header;
        if (tag_ == 0) {
            ++instruction_frames_;
            if (!current_) {
                for (const auto* e : executables_)
                    if (!e->hints.empty() && e->hints[0].kind == edgetpu::hint_kind::instruction &&
                        same_instructions(e->chunks[e->hints[0].chunk], instructions_, nullptr)) {
                        current_ = e;
                        break;
                    }
                if (!current_)
                    return fail("instruction frame of " + std::to_string(instructions_.size()) +
                                " bytes matches no registered executable's first chunk");
                next_hint_ = 0;
                linked_outputs_.clear();
                read_linked_outputs(current_->chunks[current_->hints[0].chunk]);
            } else {
                size_t where = 0;
                if (!same_instructions(current_->chunks[hint_->chunk], instructions_, &where))
                    return fail("instruction chunk " + std::to_string(hint_->chunk) + " differs at byte " +
                                std::to_string(where) + " outside the linked fields");
                read_linked_outputs(current_->chunks[hint_->chunk]);
            }
        }
        ++next_hint_;
        return advance();
    }

    // The output addresses the host linked into the chunk just received (lower and upper halves).
    void read_linked_outputs(const edgetpu::instruction_chunk& c) {
        for (const auto& f : c.fields) {
            if (f.desc != edgetpu::description::base_address_output_activation) continue;
            uint32_t v = 0;
            for (uint32_t i = 0; i < 32; ++i) {
                const uint32_t b = f.offset_bit + i;
                v |= uint32_t((instructions_[b >> 3] >> (b & 7u)) & 1u) << i;
            }
            uint64_t& a = linked_outputs_[std::string(f.name)];
            a = f.upper ? (a & 0xffffffffull) | (uint64_t(v) << 32) : (a & ~0xffffffffull) | v;
        }
    }

    // Not fully deterministic hints: the device announces every output layer itself, then raises "done".
    bool device_driven_outputs() {
        for (size_t k = current_->outputs.size(); k-- > 0;) {
            const edgetpu::layer& l = current_->outputs[k];
            auto a = linked_outputs_.find(std::string(l.name));
            if (a == linked_outputs_.end())
                return fail("output layer '" + std::string(l.name) +
                            "' has no linked address in the instructions: the device cannot DMA it");
            item ev;
            ev.is_event = true;
            ev.event = edgetpu::device_event{a->second, l.size_bytes, edgetpu::event_output_activations};
            out_queue_.push_back(std::move(ev));
            const auto& raw = canned_output(l, output_runs_[std::string(l.name)]);
            out_queue_.push_back(item{false, {}, std::string(l.name), raw});
        }
        item done;
        done.is_event = true;
        out_queue_.push_back(std::move(done));
        return true;
    }

    // Plays the device-side hints that follow, up to the next infeed or the end of the run.
    bool advance() {
        while (next_hint_ < current_->hints.size()) {
            const edgetpu::dma_hint& h = current_->hints[next_hint_];
            if (h.kind == edgetpu::hint_kind::fence) {
                ++next_hint_;
            } else if (h.kind == edgetpu::hint_kind::interrupt) {
                item ev;
                ev.is_event = true;
                out_queue_.push_back(std::move(ev));
                ++next_hint_;
            } else if (h.kind == edgetpu::hint_kind::dma && h.dir == edgetpu::direction::outfeed) {
                const edgetpu::layer& l = current_->outputs[size_t(h.layer)];
                const auto& raw = canned_output(l, output_runs_[std::string(l.name)]);
                out_queue_.push_back(item{false, {}, std::string(l.name),
                                          std::vector<uint8_t>(raw.begin() + h.offset, raw.begin() + h.offset + h.size)});
                ++next_hint_;
            } else {
                return true;  // waits for the host's next frame
            }
        }
        if (!current_->fully_deterministic && !device_driven_outputs()) return false;
        for (const auto& l : current_->outputs) ++output_runs_[std::string(l.name)];
        for (const auto& l : current_->inputs) ++input_runs_[std::string(l.name)];
        current_ = nullptr;
        ++completed_runs_;
        return true;
    }
};

}  // namespace flatnn::test
