// Recursion: Fibonacci, Takeuchi and Ackermann. Size: the Fibonacci n.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static uint32_t fib(int n) {
  return n < 2 ? (uint32_t)n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static int tak(int x, int y, int z) {
  return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

__attribute__((noinline)) static int ack(int m, int n) {
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 42;
  uint32_t f = fib(n);
  int t = tak(n / 2 + 4, n / 3, n / 6);
  int a = ack(2, n * 30);
  printf("recursion %u %d %d\n", f, t, a);
  return 0;
}
