// Traps with integer overflow: INT32_MIN / -1 (i32.div_s).
#include <stdint.h>
#include <stdio.h>

volatile int32_t dividend = INT32_MIN;
volatile int32_t divisor = -1;

int main(void) {
  printf("before trap\n");
  fflush(stdout);
  int32_t q = dividend / divisor;
  printf("not reached %d\n", q);
  return 0;
}
