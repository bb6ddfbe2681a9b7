//===- Atomics.cpp - memory.atomic.wait and notify ------------------------===//
//
// A parking lot: threads that wait are queued by the host address of the
// value they wait on (a shared memory never moves, so the address names the
// location for every instance that shares it), in buckets each with its own
// lock. notify wakes the oldest waiters first, and a waiter counts as woken
// only when a notify picked it, never by a spurious wake-up or a timeout.
//
// The compare of the current value with the expected one and the queueing
// happen under the bucket's lock, and notify takes the same lock, so a notify
// that follows a store of a new value can never miss a waiter that saw the
// old one.
//
// A waiting thread looks at its instance's interrupt flag at least every
// InterruptPollInterval, so that a watchdog can stop a guest blocked in wait.
//
//===----------------------------------------------------------------------===//
#include "RuntimeInternal.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

using namespace wasmaot;

namespace {

struct Waiter {
  void *Addr = nullptr;
  bool Woken = false;
  std::condition_variable Wake;
};

struct Bucket {
  std::mutex Lock;
  std::deque<Waiter *> Queue; // oldest first
};

constexpr size_t NumBuckets = 64;
Bucket Buckets[NumBuckets];

Bucket &getBucket(const void *Addr) {
  auto Bits = reinterpret_cast<uintptr_t>(Addr);
  return Buckets[(Bits >> 3 ^ Bits >> 9) % NumBuckets];
}

constexpr auto InterruptPollInterval = std::chrono::milliseconds(50);

enum WaitResult : uint32_t { Ok = 0, NotEqual = 1, TimedOut = 2 };

template <typename T>
uint32_t waitOn(VMContext *Ctx, void *Addr, T Expected, int64_t TimeoutNs) {
  Bucket &Bkt = getBucket(Addr);
  std::unique_lock<std::mutex> Lock(Bkt.Lock);
  if (__atomic_load_n(static_cast<T *>(Addr), __ATOMIC_SEQ_CST) != Expected)
    return NotEqual;
  Waiter W;
  W.Addr = Addr;
  Bkt.Queue.push_back(&W);
  using Clock = std::chrono::steady_clock;
  const bool Forever = TimeoutNs < 0;
  const Clock::time_point Deadline =
      Clock::now() + std::chrono::nanoseconds(Forever ? 0 : TimeoutNs);
  bool Interrupted = false;
  while (!W.Woken) {
    Clock::time_point Now = Clock::now();
    if (!Forever && Now >= Deadline)
      break;
    if (__atomic_load_n(&Ctx->Interrupt, __ATOMIC_RELAXED)) {
      Interrupted = true;
      break;
    }
    Clock::time_point Until = Now + InterruptPollInterval;
    if (!Forever && Deadline < Until)
      Until = Deadline;
    W.Wake.wait_until(Lock, Until);
  }
  if (!W.Woken)
    std::erase(Bkt.Queue, &W);
  Lock.unlock();
  if (Interrupted)
    raiseTrap(TrapKind::Interrupted, nullptr);
  return W.Woken ? Ok : TimedOut;
}

} // namespace

extern "C" {

uint32_t wasmaot_atomic_wait32(VMContext *Ctx, void *Addr, uint32_t Expected,
                               int64_t TimeoutNs) {
  return waitOn<uint32_t>(Ctx, Addr, Expected, TimeoutNs);
}

uint32_t wasmaot_atomic_wait64(VMContext *Ctx, void *Addr, uint64_t Expected,
                               int64_t TimeoutNs) {
  return waitOn<uint64_t>(Ctx, Addr, Expected, TimeoutNs);
}

uint32_t wasmaot_atomic_notify(VMContext *, void *Addr, uint32_t Count) {
  Bucket &Bkt = getBucket(Addr);
  std::lock_guard<std::mutex> Lock(Bkt.Lock);
  uint32_t Woken = 0;
  for (auto It = Bkt.Queue.begin(); It != Bkt.Queue.end() && Woken < Count;) {
    Waiter *W = *It;
    if (W->Addr != Addr) {
      ++It;
      continue;
    }
    W->Woken = true;
    W->Wake.notify_one();
    It = Bkt.Queue.erase(It);
    ++Woken;
  }
  return Woken;
}

} // extern "C"
