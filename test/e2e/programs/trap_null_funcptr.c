// Calls through a null function pointer: call_indirect of table element 0,
// which wasm-ld leaves empty, traps with "uninitialized element".
#include <stdio.h>

typedef int (*fn_t)(int);
volatile fn_t fp = 0;

int main(void) {
  printf("before trap\n");
  fflush(stdout);
  printf("not reached %d\n", fp(1));
  return 0;
}
