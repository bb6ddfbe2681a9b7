// Recursion: Ackermann, naive Fibonacci, Towers of Hanoi, N-queens.
#include <stdint.h>
#include <stdio.h>

static uint32_t ackermann(uint32_t m, uint32_t n) {
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static uint64_t fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned moves;
static void hanoi(int n, char from, char to, char via) {
  if (n == 0)
    return;
  hanoi(n - 1, from, via, to);
  if (++moves <= 7)
    printf("move disk %d from %c to %c\n", n, from, to);
  hanoi(n - 1, via, to, from);
}

static int queens(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2) {
  if (row == n)
    return 1;
  int count = 0;
  for (int c = 0; c < n; c++) {
    uint32_t a = 1u << c, b = 1u << (row + c), e = 1u << (row - c + n - 1);
    if ((cols & a) || (d1 & b) || (d2 & e))
      continue;
    count += queens(n, row + 1, cols | a, d1 | b, d2 | e);
  }
  return count;
}

int main(void) {
  printf("ackermann(2,3)=%u ackermann(3,6)=%u\n", ackermann(2, 3), ackermann(3, 6));
  for (unsigned i = 0; i <= 30; i += 5)
    printf("fib(%u)=%llu\n", i, (unsigned long long)fib(i));
  hanoi(18, 'A', 'C', 'B');
  printf("hanoi(18) took %u moves\n", moves);
  for (int n = 4; n <= 9; n++)
    printf("queens(%d)=%d\n", n, queens(n, 0, 0, 0, 0));
  return 0;
}
