#pragma once
// Runs a model split into segments (edgetpu_compiler --num_segments) as a pipeline (edgetpu.md §3.2): one thread
// per segment, each segment's interpreter bound to its own device, segments linked by queues. Tensors pass from
// segment to segment by name: segment k's inputs are found among the pipeline's inputs and the outputs of the
// segments before it. Frames are copied between stages (one copy per tensor per frame), so a stage allocates;
// each interpreter's invoke does not.
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "flatnn/core/status.hpp"
#include "flatnn/runtime/interpreter.hpp"

namespace flatnn::edgetpu {

class pipeline_runner {
public:
    // The interpreters must be allocated and outlive the runner; each runs on its own thread.
    static result<std::unique_ptr<pipeline_runner>> create(std::vector<interpreter*> segments) {
        if (segments.empty()) return status::error("pipeline: no segments");
        std::vector<std::string> available;
        for (size_t i = 0; i < segments[0]->input_count(); ++i) available.emplace_back(segments[0]->input(i).name);
        for (size_t k = 1; k < segments.size(); ++k) {
            for (size_t o = 0; o < segments[k - 1]->output_count(); ++o)
                available.emplace_back(segments[k - 1]->output(o).name);
            for (size_t i = 0; i < segments[k]->input_count(); ++i) {
                const std::string name(segments[k]->input(i).name);
                bool found = false;
                for (const auto& a : available) found = found || a == name;
                if (!found)
                    return status::error("pipeline: input '" + name + "' of segment " + std::to_string(k) +
                                         " is neither a pipeline input nor an output of an earlier segment");
            }
        }
        std::unique_ptr<pipeline_runner> r(new pipeline_runner(std::move(segments)));
        r->start();
        return r;
    }
    ~pipeline_runner() {
        finish();
        for (auto& t : threads_) t.join();
    }
    pipeline_runner(const pipeline_runner&) = delete;
    pipeline_runner& operator=(const pipeline_runner&) = delete;

    // Queues one frame: the first segment's inputs, in order, each exactly its tensor's size.
    status push(const std::vector<std::vector<uint8_t>>& inputs) {
        interpreter& first = *segments_[0];
        if (inputs.size() != first.input_count())
            return status::error("pipeline: " + std::to_string(inputs.size()) + " inputs given, the first segment has " +
                                 std::to_string(first.input_count()));
        frame f;
        for (size_t i = 0; i < inputs.size(); ++i) {
            if (inputs[i].size() != first.input(i).bytes)
                return status::error("pipeline: input " + std::to_string(i) + " has " + std::to_string(inputs[i].size()) +
                                     " bytes, tensor '" + std::string(first.input(i).name) + "' has " +
                                     std::to_string(first.input(i).bytes));
            f.tensors.push_back(named{std::string(first.input(i).name), inputs[i]});
        }
        queues_[0]->push(std::move(f));
        return status::ok();
    }
    // Ends the stream: pop() reports the end once every queued frame came out.
    void finish() {
        std::lock_guard<std::mutex> lock(finish_mutex_);
        if (finished_) return;
        finished_ = true;
        frame end;
        end.end = true;
        queues_[0]->push(std::move(end));
    }
    // The next frame's outputs (the last segment's, in order): true, or false at the end of the stream.
    result<bool> pop(std::vector<std::vector<uint8_t>>& outputs) {
        frame f = queues_.back()->pop();
        if (f.end) return false;
        if (!f.error) return f.error;
        outputs.clear();
        interpreter& last = *segments_.back();
        for (size_t o = 0; o < last.output_count(); ++o)
            for (auto& t : f.tensors)
                if (t.name == last.output(o).name) {
                    outputs.push_back(std::move(t.bytes));
                    break;
                }
        return true;
    }

private:
    struct named {
        std::string name;
        std::vector<uint8_t> bytes;
    };
    struct frame {
        bool end = false;
        status error;
        std::vector<named> tensors;
    };
    class queue {
    public:
        void push(frame f) {
            {
                std::lock_guard<std::mutex> lock(m_);
                q_.push_back(std::move(f));
            }
            cv_.notify_one();
        }
        frame pop() {
            std::unique_lock<std::mutex> lock(m_);
            cv_.wait(lock, [&] { return !q_.empty(); });
            frame f = std::move(q_.front());
            q_.pop_front();
            return f;
        }

    private:
        std::mutex m_;
        std::condition_variable cv_;
        std::deque<frame> q_;
    };

    std::vector<interpreter*> segments_;
    std::vector<std::unique_ptr<queue>> queues_;  // queue k feeds segment k; the last one holds results
    std::vector<std::thread> threads_;
    std::mutex finish_mutex_;
    bool finished_ = false;

    explicit pipeline_runner(std::vector<interpreter*> segments) : segments_(std::move(segments)) {
        for (size_t k = 0; k <= segments_.size(); ++k) queues_.push_back(std::make_unique<queue>());
    }
    void start() {
        for (size_t k = 0; k < segments_.size(); ++k) threads_.emplace_back([this, k] { stage(k); });
    }

    // Whether a segment after k, or the pipeline's result, still needs tensor `name`.
    bool needed_after(size_t k, const std::string& name) const {
        for (size_t j = k + 1; j < segments_.size(); ++j)
            for (size_t i = 0; i < segments_[j]->input_count(); ++i)
                if (segments_[j]->input(i).name == name) return true;
        interpreter& last = *segments_.back();
        for (size_t o = 0; o < last.output_count(); ++o)
            if (last.output(o).name == name) return true;
        return false;
    }

    void stage(size_t k) {
        interpreter& it = *segments_[k];
        for (;;) {
            frame f = queues_[k]->pop();
            if (f.end || !f.error) {
                const bool end = f.end;
                queues_[k + 1]->push(std::move(f));
                if (end) return;
                continue;
            }
            for (size_t i = 0; i < it.input_count() && f.error; ++i) {
                tensor& t = it.input(i);
                const named* src = nullptr;
                for (const auto& n : f.tensors)
                    if (n.name == t.name) src = &n;
                if (!src || src->bytes.size() != t.bytes)
                    f.error = status::error("pipeline segment " + std::to_string(k) + ": tensor '" + std::string(t.name) +
                                            (src ? "' has the wrong size" : "' is missing"));
                else
                    std::memcpy(t.data, src->bytes.data(), t.bytes);
            }
            if (f.error) {
                status s = it.invoke();
                if (!s) f.error = status::error("pipeline segment " + std::to_string(k) + ": " + s.message());
            }
            if (f.error) {
                std::vector<named> kept;
                for (auto& n : f.tensors)
                    if (needed_after(k, n.name)) kept.push_back(std::move(n));
                for (size_t o = 0; o < it.output_count(); ++o) {
                    const tensor& t = it.output(o);
                    if (needed_after(k, std::string(t.name)))
                        kept.push_back(named{std::string(t.name), std::vector<uint8_t>(t.data, t.data + t.bytes)});
                }
                f.tensors = std::move(kept);
            }
            queues_[k + 1]->push(std::move(f));
        }
    }
};

}  // namespace flatnn::edgetpu
