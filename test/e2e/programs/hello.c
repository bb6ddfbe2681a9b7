// The smallest WASI program: one line on stdout, exit code 0.
#include <stdio.h>

int main(void) {
  puts("Hello, world!");
  return 0;
}
