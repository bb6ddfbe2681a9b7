// proc_exit on a spawned thread ends the whole process with its code.
#include "threads.h"

static volatile int32_t Never;

EXPORT("wasi_thread_start") void wasi_thread_start(int32_t tid, int32_t arg) {
  (void)tid;
  proc_exit(arg);
}

EXPORT("_start") void _start(void) {
  check(thread_spawn(42) > 0, "thread-spawn failed");
  wait32(&Never, 0, -1);
  proc_exit(2);
}
