#pragma once
// One Edge TPU as the models that share it see it: its transport and the parameter-caching state (edgetpu.md
// §3.1). Executables with the same caching token can keep their parameters in the TPU's memory together, so
// switching between co-compiled models uploads nothing; a model with another token evicts them all.
// Share one device_context between every interpreter that runs on that device; runs are serialized.
#include <algorithm>
#include <cstdint>
#include <mutex>
#include <vector>

#include "flatnn/core/status.hpp"
#include "flatnn/edgetpu/sequencer.hpp"

namespace flatnn::edgetpu {

class device_context {
public:
    explicit device_context(transport& link) : link_(&link) { cached_.reserve(16); }
    device_context(const device_context&) = delete;
    device_context& operator=(const device_context&) = delete;

    // Runs `main`, first uploading the parameters of `caching` (its PARAMETER_CACHING companion, or nullptr)
    // unless they are cached.
    status run(const executable& main, const run_buffers& main_buffers, const executable* caching,
               const run_buffers& caching_buffers) {
        std::lock_guard<std::mutex> lock(mutex_);
        last_parameter_bytes_ = 0;
        if (main.token == 0 || main.token != token_) forget_locked();
        if (caching && std::find(cached_.begin(), cached_.end(), caching->id) == cached_.end()) {
            token_ = caching->token;
            cached_.push_back(caching->id);  // capacity is kept across resets: allocates only while growing
            status s = run_executable(*link_, *caching, caching_buffers, &last_parameter_bytes_);
            if (!s) {
                forget_locked();  // the device state is unknown after a failed upload
                return s;
            }
        }
        return run_executable(*link_, main, main_buffers, &last_parameter_bytes_);
    }

    // Forgets what is cached (after a device reset or close).
    void reset() {
        std::lock_guard<std::mutex> lock(mutex_);
        forget_locked();
    }
    uint64_t cached_token() const noexcept { return token_; }
    // Parameter bytes the last run() sent (cached upload plus streamed parameters).
    uint64_t last_parameter_bytes() const noexcept { return last_parameter_bytes_; }

private:
    transport* link_;
    std::mutex mutex_;
    uint64_t token_ = 0;
    std::vector<uint64_t> cached_;  // ids of the PARAMETER_CACHING executables whose parameters are on the device
    uint64_t last_parameter_bytes_ = 0;

    void forget_locked() noexcept {
        cached_.clear();
        token_ = 0;
    }
};

}  // namespace flatnn::edgetpu
