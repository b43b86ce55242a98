// The CPU backend's thread pool: every task of a run runs exactly once, on a thread index below threads(), whatever
// the task count against the thread count (each thread first takes its own contiguous share, then what is left of
// the others'), and runs follow each other without a task of one run leaking into the next.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>  // the ThreadSanitizer check (.ci/checks/30-tsan.sh) runs the test files that use threads
#include <vector>

#include "flatnn/cpu/thread_pool.hpp"

namespace {

struct counts {
    std::vector<std::atomic<int>> runs;  // per task
    std::atomic<int> bad_thread{0};
    int threads = 0;
    explicit counts(size_t n) : runs(n) {}
};

}  // namespace

TEST_CASE("cpu thread_pool runs every task exactly once, on every share size") {
    for (int threads : {1, 2, 3, 4}) {
        flatnn::cpu::thread_pool pool(threads);
        CHECK(pool.threads() == threads);
        for (int64_t tasks : {0, 1, 2, 3, 5, 8, 37, 1000}) {
            for (int rep = 0; rep < 20; ++rep) {  // back-to-back runs, as a model's nodes dispatch them
                counts c(static_cast<size_t>(tasks));
                c.threads = threads;
                pool.run(tasks, [](void* ctx, int64_t task, int thread) {
                    auto& cc = *static_cast<counts*>(ctx);
                    cc.runs[size_t(task)].fetch_add(1, std::memory_order_relaxed);
                    if (thread < 0 || thread >= cc.threads) cc.bad_thread.fetch_add(1, std::memory_order_relaxed);
                }, &c);
                int wrong = 0;
                for (auto& r : c.runs) wrong += r.load() != 1;
                INFO("threads " << threads << " tasks " << tasks << " rep " << rep);
                CHECK(wrong == 0);
                CHECK(c.bad_thread.load() == 0);
            }
        }
    }
}
