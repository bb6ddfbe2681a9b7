// Floating-point math: a Mandelbrot set and the spectral norm of a matrix
// (division and sqrt, which are exact in IEEE). Size: image side.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static double A(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void mulAv(int n, const double *v, double *av) {
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++)
      s += A(i, j) * v[j];
    av[i] = s;
  }
}
static void mulAtv(int n, const double *v, double *atv) {
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++)
      s += A(j, i) * v[j];
    atv[i] = s;
  }
}

int main(int argc, char **argv) {
  int side = argc > 1 ? atoi(argv[1]) : 3000;
  uint64_t inside = 0;
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++) {
      double cr = 2.0 * x / side - 1.5, ci = 2.0 * y / side - 1.0;
      double zr = 0, zi = 0;
      int it = 0;
      while (it < 50 && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        it++;
      }
      inside += it;
    }
  int n = side / 2;
  double *u = malloc(sizeof(double) * n), *v = malloc(sizeof(double) * n),
         *t = malloc(sizeof(double) * n);
  for (int i = 0; i < n; i++)
    u[i] = 1;
  for (int i = 0; i < 10; i++) {
    mulAv(n, u, t);
    mulAtv(n, t, v);
    mulAv(n, v, t);
    mulAtv(n, t, u);
  }
  double vBv = 0, vv = 0;
  for (int i = 0; i < n; i++) {
    vBv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  printf("fpmath %llu %.17g\n", (unsigned long long)inside, sqrt(vBv / vv));
  return 0;
}
