// Calls a function through a pointer of another type: call_indirect checks
// the callee's signature and traps with "indirect call type mismatch".
#include <stdio.h>

__attribute__((noinline)) int one_arg(int x) { return x + 1; }

typedef int (*one_arg_t)(int);
typedef double (*two_args_t)(double, double);
volatile one_arg_t fp = one_arg;

int main(void) {
  printf("before trap\n");
  fflush(stdout);
  two_args_t wrong = (two_args_t)fp;
  printf("not reached %f\n", wrong(1.0, 2.0));
  return 0;
}
