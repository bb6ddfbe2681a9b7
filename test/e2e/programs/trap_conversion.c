// Converts a NaN with the trapping i32.trunc_f64_s (clang's own conversion
// is guarded, so the builtin asks for the instruction): traps with "invalid
// conversion to integer" (a value out of range would be "integer overflow").
#include <stdio.h>

volatile double not_a_number = __builtin_nan("");

__attribute__((noinline)) int convert(double d) {
  return __builtin_wasm_trunc_s_i32_f64(d);
}

int main(void) {
  printf("before trap\n");
  fflush(stdout);
  printf("not reached %d\n", convert(not_a_number));
  return 0;
}
