// Traps with an out-of-bounds memory access just past the end of the memory:
// the last 8 bytes are readable, a 4-byte load straddling the end is not.
// (In guard mode this lands in the guard region right after the memory.)
#include <stdint.h>
#include <stdio.h>

int main(void) {
  uintptr_t end = __builtin_wasm_memory_size(0) * 65536u;
  volatile uint32_t *last = (volatile uint32_t *)(end - 8);
  last[0] = 0x11223344u;
  last[1] = 0x55667788u;
  printf("last words: %08x %08x\n", last[0], last[1]);
  fflush(stdout);
  volatile uint32_t *straddle = (volatile uint32_t *)(end - 2);
  printf("not reached %u\n", *straddle);
  return 0;
}
