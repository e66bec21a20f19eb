// A small fork-join loop over document indices. Work is handed out in fixed chunks and
// every result is written by index, so the output does not depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace warta {

// Thrown when the caller's interrupt check (Ctrl-C in Python) asked the loop to stop.
struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("interrupted") {}
};

// Returns true when the work should stop; called from the calling thread only.
using InterruptCheck = std::function<bool()>;

// Where a thread stands in a cancellable loop. One item can be long (a 500 MB text), so
// the loops inside an item call poll_cancelled() now and then: it stops once any thread of
// the loop was told to stop, and on the calling thread asks the interrupt check itself.
class CancelPoint {
 public:
  // Installs this point for the current thread (`check` only on the thread that may call
  // it) until destroyed, restoring the point it replaced.
  CancelPoint(const InterruptCheck* check, std::atomic<bool>* stop) : check_(check), stop_(stop), outer_(current()) {
    current() = this;
  }
  ~CancelPoint() { current() = outer_; }
  CancelPoint(const CancelPoint&) = delete;
  CancelPoint& operator=(const CancelPoint&) = delete;

  // Throws Cancelled when the loop this thread works in should stop.
  static void poll() {
    const CancelPoint* p = current();
    if (!p) return;
    if (p->stop_->load(std::memory_order_relaxed)) throw Cancelled();
    if (p->check_ && *p->check_ && (*p->check_)()) {
      p->stop_->store(true);
      throw Cancelled();
    }
  }

 private:
  static const CancelPoint*& current() {
    static thread_local const CancelPoint* point = nullptr;
    return point;
  }
  const InterruptCheck* check_;
  std::atomic<bool>* stop_;
  const CancelPoint* outer_;
};

// For long work on one item (tokenizing, shingling): cheap enough to call every few
// thousand steps. A no-op outside a cancellable loop.
inline void poll_cancelled() { CancelPoint::poll(); }

// A single long call outside parallel_for (one text tokenized from Python) made
// cancellable by `interrupted`, which must be callable on this thread.
class CancelScope {
 public:
  explicit CancelScope(InterruptCheck interrupted) : check_(std::move(interrupted)), point_(&check_, &stop_) {}

 private:
  InterruptCheck check_;
  std::atomic<bool> stop_{false};
  CancelPoint point_;
};

inline size_t resolve_threads(int n_jobs) {
  if (n_jobs > 0) return static_cast<size_t>(n_jobs);
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

// Calls body(i) for i in [0, n). The calling thread works too and polls `interrupted`
// every `check_every` items; an exception in any thread stops the others and is rethrown
// after the join.
template <class Body>
void parallel_for(size_t n, int n_jobs, Body&& body, const InterruptCheck& interrupted = {},
                  size_t check_every = 2048) {
  if (n == 0) return;
  const size_t threads = std::min(resolve_threads(n_jobs), n);
  const size_t chunk = std::clamp<size_t>(n / (threads * 16), 1, 256);
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex error_mutex;

  auto work = [&](bool is_caller) {
    const CancelPoint point(is_caller ? &interrupted : nullptr, &stop);
    size_t since_check = 0;
    while (!stop.load(std::memory_order_relaxed)) {
      const size_t begin = next.fetch_add(chunk);
      if (begin >= n) break;
      const size_t end = std::min(n, begin + chunk);
      try {
        for (size_t i = begin; i < end; ++i) body(i);
        since_check += end - begin;
        if (is_caller && interrupted && since_check >= check_every) {
          since_check = 0;
          if (interrupted()) throw Cancelled();
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        stop = true;
      }
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  try {
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, false);
  } catch (const std::system_error&) {
    // Could not start another thread: the ones running (at least this one) share the rest.
  }
  work(true);
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace warta
