//===- AtomicsTest.cpp - memory.atomic.wait/notify's parking lot ----------===//
#include "wasmaot/VMContext.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace wasmaot;

namespace {

TEST(AtomicsTest, WaitReturnsNotEqualOrTimedOut) {
  VMContext Ctx = {};
  alignas(8) uint32_t Word = 5;
  EXPECT_EQ(wasmaot_atomic_wait32(&Ctx, &Word, 4, -1), 1u) << "not equal";
  EXPECT_EQ(wasmaot_atomic_wait32(&Ctx, &Word, 5, 1000000), 2u) << "timeout";
  alignas(8) uint64_t Wide = 1ull << 40;
  EXPECT_EQ(wasmaot_atomic_wait64(&Ctx, &Wide, 1, 0), 1u);
  EXPECT_EQ(wasmaot_atomic_wait64(&Ctx, &Wide, 1ull << 40, 0), 2u);
  EXPECT_EQ(wasmaot_atomic_notify(&Ctx, &Word, 100), 0u) << "nobody waits";
}

/// Three threads wait on one word; notify(1) wakes exactly one of them,
/// notify(5) the other two, and a notify on another address none.
TEST(AtomicsTest, NotifyWakesAtMostCountWaiters) {
  VMContext Ctx = {};
  alignas(8) uint32_t Word = 0, Other = 0;
  std::atomic<int> Woken{0};
  std::vector<std::thread> Waiters;
  for (int I = 0; I < 3; ++I)
    Waiters.emplace_back([&] {
      if (wasmaot_atomic_wait32(&Ctx, &Word, 0, -1) == 0)
        ++Woken;
    });
  // Until all three are parked, notify finds fewer: count what it wakes.
  auto WakeUntil = [&](uint32_t Count, uint32_t Target) {
    uint32_t Total = 0;
    for (int Tries = 0; Total < Target && Tries < 5000; ++Tries) {
      uint32_t N = wasmaot_atomic_notify(&Ctx, &Word, Count);
      EXPECT_LE(N, Count);
      Total += N;
      if (Total < Target)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return Total;
  };
  EXPECT_EQ(wasmaot_atomic_notify(&Ctx, &Other, 10), 0u);
  EXPECT_EQ(WakeUntil(1, 1), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Woken.load(), 1);
  EXPECT_EQ(WakeUntil(5, 2), 2u);
  for (std::thread &T : Waiters)
    T.join();
  EXPECT_EQ(Woken.load(), 3);
  EXPECT_EQ(wasmaot_atomic_notify(&Ctx, &Word, 10), 0u);
}

} // namespace
