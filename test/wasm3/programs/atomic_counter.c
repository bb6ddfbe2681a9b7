// THREADS threads each add 1 to one counter K times with
// i32.atomic.rmw.add; the total must be exactly THREADS * K. A lost update
// (a plain load and store, or a non-atomic add) would make it smaller.
#include "threads.h"

#define K 200000
static volatile int32_t Counter;
static volatile int32_t Done;

EXPORT("wasi_thread_start") void wasi_thread_start(int32_t tid, int32_t arg) {
  (void)tid;
  (void)arg;
  for (int32_t i = 0; i < K; ++i)
    __atomic_fetch_add(&Counter, 1, __ATOMIC_SEQ_CST);
  __atomic_fetch_add(&Done, 1, __ATOMIC_SEQ_CST);
  notify(&Done, 1);
}

EXPORT("_start") void _start(void) {
  for (int32_t k = 0; k < THREADS; ++k)
    check(thread_spawn(k) > 0, "thread-spawn failed");
  for (int32_t seen; (seen = load(&Done)) != THREADS;)
    wait32(&Done, seen, -1);
  print_line("counter ", (uint64_t)load(&Counter), 1);
  print_line("expected ", (uint64_t)THREADS * K, 1);
  check(load(&Counter) == THREADS * K, "LOST UPDATES");
  print_line("ok", 0, 0);
}
