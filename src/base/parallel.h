#pragma once
// Splitting CPU-bound work over a few threads, with results that never depend on how many ran.

#include <cstddef>
#include <functional>

namespace tw::base {

/// Worker threads for CPU-bound work: THREATWRIGHT_THREADS when set (1 = no threads), else the
/// hardware's thread count, capped at 8.
unsigned worker_threads();

/// Runs task(0) ... task(count - 1), each exactly once, spread over at most `threads` threads
/// (the caller's included), and returns when all are done. Tasks must not touch shared mutable
/// state. The first exception a task throws is rethrown here once every thread has stopped.
void run_parallel(size_t count, unsigned threads, const std::function<void(size_t)>& task);

}  // namespace tw::base
