// Dense numeric loops over small arrays (saxpy, integer dot product,
// element-wise integer update, a double reduction). Size: repetitions.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4096
static float x[N], y[N];
static int32_t a[N], b[N];
static double d[N];

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 400000;
  for (int i = 0; i < N; i++) {
    x[i] = (float)(i % 97) * 0.01f;
    y[i] = (float)(i % 13);
    a[i] = i * 7 + 1;
    b[i] = (i * 13) ^ 0x55;
    d[i] = i * 0.5;
  }
  uint64_t acc = 0;
  double dacc = 0;
  for (int r = 0; r < reps; r++) {
    float s = (float)(r & 7) * 0.001f;
    for (int i = 0; i < N; i++)
      y[i] = y[i] * 0.999f + s * x[i];
    int32_t dot = 0;
    for (int i = 0; i < N; i++)
      dot += a[i] * b[i];
    acc += (uint32_t)dot;
    for (int i = 0; i < N; i++)
      a[i] = (a[i] >> 1) + (b[i] & r);
    double t = 0;
    for (int i = 0; i < N; i += 8)
      t += d[i] * y[i];
    dacc += t;
  }
  double ys = 0;
  for (int i = 0; i < N; i++)
    ys += y[i];
  printf("loops %llu %.17g %.17g\n", (unsigned long long)acc, dacc, ys);
  return 0;
}
