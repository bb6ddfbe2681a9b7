// Unbounded recursion: traps with "call stack exhausted" (no crash).
#include <stdio.h>

volatile int sink;

__attribute__((noinline)) static int down(int n) {
  sink = n;
  int r = down(n + 1);  // not a tail call: the result is used below
  return r * 3 + n;
}

int main(void) {
  printf("before trap\n");
  fflush(stdout);
  printf("not reached %d\n", down(0));
  return 0;
}
