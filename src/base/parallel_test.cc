#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace tw::base {
namespace {

TEST(Parallel, RunsEveryTaskExactlyOnce) {
  for (unsigned threads : {1u, 2u, 4u, 16u}) {
    std::vector<std::atomic<int>> hits(1000);
    run_parallel(hits.size(), threads, [&](size_t i) { ++hits[i]; });
    for (size_t i = 0; i < hits.size(); ++i) EXPECT_EQ(hits[i].load(), 1) << i << " " << threads;
  }
}

TEST(Parallel, NoTasksIsFine) {
  bool ran = false;
  run_parallel(0, 4, [&](size_t) { ran = true; });
  EXPECT_FALSE(ran);
}

TEST(Parallel, RethrowsTheFirstFailure) {
  std::atomic<int> ran{0};
  EXPECT_THROW(run_parallel(64, 4,
                            [&](size_t i) {
                              ++ran;
                              if (i == 3) throw std::runtime_error("task 3");
                            }),
               std::runtime_error);
  EXPECT_GE(ran.load(), 4);
}

TEST(Parallel, ThreadCountFromEnvironment) {
  setenv("THREATWRIGHT_THREADS", "3", 1);
  EXPECT_EQ(worker_threads(), 3u);
  setenv("THREATWRIGHT_THREADS", "0", 1);  // invalid: falls back to the hardware
  EXPECT_GE(worker_threads(), 1u);
  EXPECT_LE(worker_threads(), 8u);
  setenv("THREATWRIGHT_THREADS", "two", 1);
  EXPECT_LE(worker_threads(), 8u);
  unsetenv("THREATWRIGHT_THREADS");
}

}  // namespace
}  // namespace tw::base
