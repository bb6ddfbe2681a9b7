// A parallel sum over shared memory: THREADS threads (a compile-time
// constant, built for 2 and for 8) each sum a slice of one array into their
// own slot, then count themselves done and wake the main thread, which waits
// with memory.atomic.wait32 and compares the total with a sequential sum.
#include "threads.h"

#define N (1 << 20)
static uint32_t Data[N];
static uint64_t Partial[THREADS];
static volatile int32_t Done;

EXPORT("wasi_thread_start") void wasi_thread_start(int32_t tid, int32_t k) {
  (void)tid;
  uint32_t begin = (uint32_t)k * (N / THREADS);
  uint32_t end = begin + N / THREADS;
  uint64_t sum = 0;
  for (uint32_t i = begin; i < end; ++i)
    sum += Data[i] * (uint64_t)(i % 7 + 1);
  Partial[k] = sum;
  __atomic_fetch_add(&Done, 1, __ATOMIC_SEQ_CST);
  notify(&Done, 1);
}

EXPORT("_start") void _start(void) {
  uint32_t x = 2463534242u;
  for (uint32_t i = 0; i < N; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    Data[i] = x;
  }
  for (int32_t k = 0; k < THREADS; ++k)
    check(thread_spawn(k) > 0, "thread-spawn failed");
  for (int32_t seen; (seen = load(&Done)) != THREADS;)
    wait32(&Done, seen, -1);
  uint64_t parallel = 0, sequential = 0;
  for (int32_t k = 0; k < THREADS; ++k)
    parallel += Partial[k];
  for (uint32_t i = 0; i < N; ++i)
    sequential += Data[i] * (uint64_t)(i % 7 + 1);
  print_line("threads ", THREADS, 1);
  print_line("parallel sum ", parallel, 1);
  print_line("sequential sum ", sequential, 1);
  check(parallel == sequential, "MISMATCH");
  print_line("ok", 0, 0);
}
