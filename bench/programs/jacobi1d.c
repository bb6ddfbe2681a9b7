// 1-D three-point Jacobi stencil (PolyBench jacobi-1d). Size: time steps.
#include <stdio.h>
#include <stdlib.h>

#define N 20000
static double A[N], B[N];

int main(int argc, char **argv) {
  int steps = argc > 1 ? atoi(argv[1]) : 60000;
  for (int i = 0; i < N; i++) {
    A[i] = ((double)i + 2) / N;
    B[i] = ((double)i + 3) / N;
  }
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < N - 1; i++)
      B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
    for (int i = 1; i < N - 1; i++)
      A[i] = 0.33333 * (B[i - 1] + B[i] + B[i + 1]);
  }
  double sum = 0;
  for (int i = 0; i < N; i++)
    sum += A[i] * (i % 5 + 1);
  printf("jacobi1d %.17g\n", sum);
  return 0;
}
