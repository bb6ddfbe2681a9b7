// memory.atomic.wait32/notify wake exactly the waiters the spec says:
// a wait whose value differs returns 1 at once, one that times out 2, a
// notify returns how many it woke and never wakes more than asked, and a
// waiter woken by notify returns 0.
//
// Three waiters park on Flag. Whether a waiter has parked cannot be seen
// from Wasm, so the main thread notifies repeatedly and adds up what notify
// returns: the totals, not the timing, are what is checked.
#include "threads.h"

#define WAITERS 3
static volatile int32_t Flag;    // waited on; stays 0
static volatile int32_t Arrived; // waiters about to wait
static volatile int32_t Woken;   // waiters whose wait returned 0
static volatile int32_t Other;   // nobody waits here
static volatile int32_t Sleep;   // waited on with a timeout, as a sleep

static void sleep_ms(int64_t ms) { wait32(&Sleep, 0, ms * 1000000); }

EXPORT("wasi_thread_start") void wasi_thread_start(int32_t tid, int32_t arg) {
  (void)tid;
  (void)arg;
  __atomic_fetch_add(&Arrived, 1, __ATOMIC_SEQ_CST);
  int32_t r = wait32(&Flag, 0, -1);
  if (r == 0)
    __atomic_fetch_add(&Woken, 1, __ATOMIC_SEQ_CST);
  notify(&Woken, 1);
}

/// Notifies Flag, Count at a time, until Target waiters were woken in all;
/// no notify may report more than it was allowed.
static void wake(uint32_t count, int32_t target) {
  int32_t total = 0;
  for (int tries = 0; total < target; ++tries) {
    uint32_t r = notify(&Flag, count);
    check(r <= count, "notify woke more than it was asked to");
    total += (int32_t)r;
    if (total < target) {
      check(tries < 3000, "waiters never parked");
      sleep_ms(10);
    }
  }
  check(total == target, "notify woke more waiters than were parked");
}

EXPORT("_start") void _start(void) {
  check(wait32(&Flag, 1, 0) == 1, "wait with another value did not return 1");
  check(wait32(&Flag, 0, 1000000) == 2, "wait did not time out with 2");
  check(notify(&Other, 10) == 0, "notify without waiters did not return 0");
  for (int32_t k = 0; k < WAITERS; ++k)
    check(thread_spawn(k) > 0, "thread-spawn failed");
  while (load(&Arrived) != WAITERS)
    sleep_ms(1);
  wake(1, 1); // exactly one
  while (load(&Woken) != 1)
    wait32(&Woken, 0, -1);
  sleep_ms(50);
  check(load(&Woken) == 1, "a waiter returned 0 without being notified");
  print_line("woken after notify(1): ", (uint64_t)load(&Woken), 1);
  wake(5, WAITERS - 1); // the other two, though five are allowed
  for (int32_t seen; (seen = load(&Woken)) != WAITERS;)
    wait32(&Woken, seen, -1);
  print_line("woken after notify(5): ", (uint64_t)load(&Woken), 1);
  check(notify(&Flag, 10) == 0, "notify found a waiter after all woke");
  print_line("ok", 0, 0);
}
