// Traps with an integer divide by zero (the divisor comes through a volatile
// so that the compiler cannot see it).
#include <stdio.h>

volatile int divisor = 0;

int main(void) {
  printf("before trap\n");
  fflush(stdout);
  int q = 100 / divisor;
  printf("not reached %d\n", q);
  return 0;
}
