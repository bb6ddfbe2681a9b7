// exit(7) from a nested call: atexit handlers run, stdio is flushed, the
// exit code is 7 and nothing after the call runs.
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) static void leave(int code) {
  printf("calling exit(%d)\n", code);
  exit(code);
}

int main(void) {
  atexit(bye);
  printf("start");
  printf(" (buffered)\n");
  leave(7);
  printf("not reached\n");
  return 0;
}
