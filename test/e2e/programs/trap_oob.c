// Traps with an out-of-bounds memory access: a store to an address far beyond
// the end of linear memory (3.75 GiB; the module's memory is a few MiB).
#include <stdint.h>
#include <stdio.h>

volatile uintptr_t address = 0xF0000000u;

int main(void) {
  printf("before trap\n");
  fflush(stdout);
  *(volatile int *)address = 42;
  printf("not reached\n");
  return 0;
}
