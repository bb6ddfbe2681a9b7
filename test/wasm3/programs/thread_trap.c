// A trap on a spawned thread ends the whole process as one on the main
// thread would: exit 134 and the trap line naming the spawned thread's
// function. The main thread waits forever meanwhile.
#include "threads.h"

static volatile int32_t Never;

EXPORT("wasi_thread_start") void wasi_thread_start(int32_t tid, int32_t arg) {
  (void)tid;
  if (arg == 7)
    __builtin_trap();
}

EXPORT("_start") void _start(void) {
  check(thread_spawn(7) > 0, "thread-spawn failed");
  wait32(&Never, 0, -1);
  print_line("the trap did not end the process", 0, 0);
  proc_exit(2);
}
