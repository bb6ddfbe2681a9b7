/* proc_raise: ignored signals are no-ops, a terminating one ends the guest
   with a trap (never a real signal to the host process). */
#include "check.h"

int main(void) {
  CHECK_WASI(raw_proc_raise(SIGNAL_NONE), 0);
  CHECK_WASI(raw_proc_raise(SIGNAL_CHLD), 0);
  CHECK_WASI(raw_proc_raise(SIGNAL_WINCH), 0);
  CHECK_WASI(raw_proc_raise(99), __WASI_ERRNO_INVAL);
  printf("raise: %d checks, %d failed\n", checks, failures);
  fflush(stdout);
  raw_proc_raise(SIGNAL_TERM);
  printf("still alive\n");
  return 3;
}
