#pragma once
// A small fixed thread pool for the CPU kernels. threads() - 1 workers plus the calling thread share the tasks of
// one run(); tasks are claimed with atomic counters, one per thread's share. run() allocates nothing: the job is a
// function pointer and a context pointer. Workers spin briefly between runs (kernels are dispatched back to back,
// ~60 per MobileNet), then sleep on a condition variable.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace flatnn::cpu {

class thread_pool {
public:
    using task_fn = void (*)(void* ctx, int64_t task, int thread);

    explicit thread_pool(int threads = 1) : threads_(threads < 1 ? 1 : threads), share_(size_t(threads_)) {
        for (int t = 1; t < threads_; ++t) workers_.emplace_back([this, t] { work(t); });
    }
    ~thread_pool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
            generation_.fetch_add(1, std::memory_order_release);
        }
        wake_.notify_all();
        for (auto& w : workers_) w.join();
    }
    thread_pool(const thread_pool&) = delete;
    thread_pool& operator=(const thread_pool&) = delete;

    int threads() const noexcept { return threads_; }

    // Runs fn(ctx, i, thread) for i in [0, tasks) and returns when all are done. One caller at a time.
    void run(int64_t tasks, task_fn fn, void* ctx) noexcept {
        if (threads_ == 1 || tasks <= 1) {
            for (int64_t i = 0; i < tasks; ++i) fn(ctx, i, 0);
            return;
        }
        fn_ = fn;
        ctx_ = ctx;
        tasks_ = tasks;
        for (int t = 0; t < threads_; ++t) share_[size_t(t)].next.store(tasks * t / threads_, std::memory_order_relaxed);
        pending_.store(threads_ - 1, std::memory_order_relaxed);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            generation_.fetch_add(1, std::memory_order_release);
        }
        wake_.notify_all();
        drain(0);
        while (pending_.load(std::memory_order_acquire) != 0) std::this_thread::yield();
    }

private:
    int threads_;
    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::atomic<uint64_t> generation_{0};
    struct alignas(64) share {  // one cache line per thread's counter
        std::atomic<int64_t> next{0};
    };
    std::vector<share> share_;
    std::atomic<int> pending_{0};
    task_fn fn_ = nullptr;
    void* ctx_ = nullptr;
    int64_t tasks_ = 0;
    bool stop_ = false;

    // Thread t first runs the t-th contiguous share of the tasks: every op splits its rows the same way, so each
    // thread mostly reads what it wrote in the op before, from its own core's cache. Then it takes what is left
    // of the other shares, so a thread the OS delays does not hold the run up.
    void drain(int thread) noexcept {
        for (int k = 0; k < threads_; ++k) {
            const int s = (thread + k) % threads_;
            const int64_t e = tasks_ * (s + 1) / threads_;
            for (int64_t i; (i = share_[size_t(s)].next.fetch_add(1, std::memory_order_relaxed)) < e;) fn_(ctx_, i, thread);
        }
    }
    void work(int thread) {
        uint64_t seen = 0;
        for (;;) {
            uint64_t g = generation_.load(std::memory_order_acquire);
            for (int spin = 0; g == seen && spin < 200000; ++spin) g = generation_.load(std::memory_order_acquire);
            if (g == seen) {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
                g = generation_.load(std::memory_order_acquire);
            }
            seen = g;
            if (stop_) return;
            drain(thread);
            pending_.fetch_sub(1, std::memory_order_acq_rel);
        }
    }
};

}  // namespace flatnn::cpu
