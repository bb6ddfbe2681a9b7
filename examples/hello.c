// hello.c - the first program the README compiles with wasmaot.
//
//   clang-19 --target=wasm32-wasi -O2 hello.c -o hello.wasm
//   wasmaot compile hello.wasm -o hello && ./hello
#include <stdio.h>

int main(void) {
  printf("Hello, world!\n");
  return 0;
}
