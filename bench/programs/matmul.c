// Dense double matrix multiply, C += A * B in i-k-j order. Size: n.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1500;
  double *A = malloc(sizeof(double) * n * n);
  double *B = malloc(sizeof(double) * n * n);
  double *C = malloc(sizeof(double) * n * n);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      A[i * n + j] = (double)((i * j + 1) % n) / n;
      B[i * n + j] = (double)((i + 2 * j) % n) / n;
      C[i * n + j] = 0;
    }
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++) {
      double aik = A[i * n + k];
      for (int j = 0; j < n; j++)
        C[i * n + j] += aik * B[k * n + j];
    }
  double sum = 0;
  for (int i = 0; i < n * n; i++)
    sum += C[i] * (double)(i % 7 + 1);
  printf("matmul %.17g\n", sum);
  return 0;
}
