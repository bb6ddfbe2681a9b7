// Traps with `unreachable` (__builtin_trap) after flushing a line of output.
#include <stdio.h>

__attribute__((noinline)) static void fail_here(int x) {
  if (x > 0)
    __builtin_trap();
}

int main(int argc, char **argv) {
  (void)argv;
  printf("before trap\n");
  fflush(stdout);
  fail_here(argc);
  printf("not reached\n");
  return 0;
}
