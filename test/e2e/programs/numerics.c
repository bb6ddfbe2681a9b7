// Floating-point-heavy numerics whose results must be bit-identical between
// native x86-64 and Wasm: matrix multiply and LU solve, n-body, mandelbrot,
// spectral norm, float32 kernels. Only + - * / and sqrt (all correctly
// rounded in both); no FMA contraction (build natively with
// -ffp-contract=off), no long double, no libm transcendental functions
// except in the last section, printed with few digits.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

// ---- matrices ----
enum { N = 64 };
static double A[N][N], B[N][N], C[N][N], LU[N][N];

static void matrices(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = (double)((i * 7 + j * 13) % 17) / 8.0 - 1.0 + (i == j ? N : 0);
      B[i][j] = 1.0 / (double)(i + j + 1);  // Hilbert matrix
    }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      double s = 0.0;
      for (int k = 0; k < N; k++)
        s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
  double trace = 0.0, frob = 0.0;
  for (int i = 0; i < N; i++) {
    trace += C[i][i];
    for (int j = 0; j < N; j++)
      frob += C[i][j] * C[i][j];
  }
  printf("matmul: trace=%.17g frobenius=%.17g C[3][5]=%.17g\n", trace, sqrt(frob),
         C[3][5]);
  // LU decomposition with partial pivoting of A, then solve A x = b.
  memcpy(LU, A, sizeof LU);
  int perm[N];
  for (int i = 0; i < N; i++)
    perm[i] = i;
  for (int k = 0; k < N; k++) {
    int p = k;
    for (int i = k + 1; i < N; i++)
      if (fabs(LU[i][k]) > fabs(LU[p][k]))
        p = i;
    if (p != k) {
      double tmp[N];
      memcpy(tmp, LU[k], sizeof tmp);
      memcpy(LU[k], LU[p], sizeof tmp);
      memcpy(LU[p], tmp, sizeof tmp);
      int t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
    }
    for (int i = k + 1; i < N; i++) {
      LU[i][k] /= LU[k][k];
      for (int j = k + 1; j < N; j++)
        LU[i][j] -= LU[i][k] * LU[k][j];
    }
  }
  double b[N], x[N], y[N];
  for (int i = 0; i < N; i++)
    b[i] = (double)(i % 5) - 2.0;
  for (int i = 0; i < N; i++) {
    double s = b[perm[i]];
    for (int j = 0; j < i; j++)
      s -= LU[i][j] * y[j];
    y[i] = s;
  }
  for (int i = N - 1; i >= 0; i--) {
    double s = y[i];
    for (int j = i + 1; j < N; j++)
      s -= LU[i][j] * x[j];
    x[i] = s / LU[i][i];
  }
  double resid = 0.0, det = 1.0;
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++)
      s += A[i][j] * x[j];
    resid += (s - b[i]) * (s - b[i]);
    det *= LU[i][i];
  }
  printf("lu: x[0]=%.17g x[N-1]=%.17g residual=%.17g logdet-ish=%.17g\n", x[0],
         x[N - 1], resid, det / 1e100);
}

// ---- n-body (the benchmarks game, 5 bodies) ----
#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
struct body {
  double x, y, z, vx, vy, vz, mass;
};
static struct body bodies[5] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS}};

static double energy(void) {
  double e = 0.0;
  for (int i = 0; i < 5; i++) {
    struct body *b = &bodies[i];
    e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
    for (int j = i + 1; j < 5; j++) {
      struct body *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      e -= (b->mass * c->mass) / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void advance(double dt) {
  for (int i = 0; i < 5; i++) {
    struct body *b = &bodies[i];
    for (int j = i + 1; j < 5; j++) {
      struct body *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * sqrt(d2));
      b->vx -= dx * c->mass * mag;
      b->vy -= dy * c->mass * mag;
      b->vz -= dz * c->mass * mag;
      c->vx += dx * b->mass * mag;
      c->vy += dy * b->mass * mag;
      c->vz += dz * b->mass * mag;
    }
  }
  for (int i = 0; i < 5; i++) {
    bodies[i].x += dt * bodies[i].vx;
    bodies[i].y += dt * bodies[i].vy;
    bodies[i].z += dt * bodies[i].vz;
  }
}

static void nbody(int steps) {
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < 5; i++) {
    px += bodies[i].vx * bodies[i].mass;
    py += bodies[i].vy * bodies[i].mass;
    pz += bodies[i].vz * bodies[i].mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
  printf("nbody: energy before %.9f (%.17g)\n", energy(), energy());
  for (int i = 0; i < steps; i++)
    advance(0.01);
  double e = energy();
  printf("nbody: energy after %d steps %.9f bits=%016llx\n", steps, e,
         (unsigned long long)bits(e));
}

// ---- mandelbrot ----
static void mandelbrot(void) {
  const int W = 78, H = 32, MAXIT = 500;
  uint64_t total = 0;
  double areasum = 0.0;
  for (int py = 0; py < H; py++) {
    char line[80];
    for (int px = 0; px < W; px++) {
      double cr = -2.2 + 3.0 * px / W, ci = -1.2 + 2.4 * py / H;
      double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
      int it = 0;
      while (it < MAXIT && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        it++;
      }
      total += (uint64_t)it;
      areasum += zr2 + zi2 > 4.0 ? 0.0 : 1.0 / (1.0 + zr2 + zi2);
      line[px] = " .:-=+*#%@"[it == MAXIT ? 9 : it % 9];
    }
    line[W] = 0;
    printf("%s\n", line);
  }
  printf("mandelbrot: total iterations %llu, inner sum %.10f\n",
         (unsigned long long)total, areasum);
  // A single orbit printed at full precision.
  double zr = 0, zi = 0, cr = -0.7435669, ci = 0.1314023;
  for (int i = 1; i <= 40; i++) {
    double t = zr * zr - zi * zi + cr;
    zi = 2.0 * zr * zi + ci;
    zr = t;
    if (i % 8 == 0)
      printf("orbit %2d: %.10f %.10f %.17g\n", i, zr, zi, zr * zi);
  }
}

// ---- spectral norm ----
static double eval_A(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }
static void mul_Av(int n, const double *v, double *av) {
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++)
      s += eval_A(i, j) * v[j];
    av[i] = s;
  }
}
static void mul_Atv(int n, const double *v, double *atv) {
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++)
      s += eval_A(j, i) * v[j];
    atv[i] = s;
  }
}
static void spectral(void) {
  enum { SN = 200 };
  static double u[SN], v[SN], tmp[SN];
  for (int i = 0; i < SN; i++)
    u[i] = 1.0;
  for (int i = 0; i < 10; i++) {
    mul_Av(SN, u, tmp);
    mul_Atv(SN, tmp, v);
    mul_Av(SN, v, tmp);
    mul_Atv(SN, tmp, u);
  }
  double vBv = 0, vv = 0;
  for (int i = 0; i < SN; i++) {
    vBv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  printf("spectralnorm: %.9f (%.17g)\n", sqrt(vBv / vv), sqrt(vBv / vv));
}

// ---- float32 ----
static void floats32(void) {
  float x = 1.0f, acc = 0.0f, prod = 1.0f;
  for (int i = 0; i < 100000; i++) {
    x = x * 1.000123f + 0.5f / (float)(i + 1);
    if (x > 1000.0f)
      x = x / 1000.0f;
    acc += x;
    prod = prod * 0.999f + x * 0.001f;
  }
  printf("float32: x=%.9g acc=%.9g prod=%.9g sqrtf=%.9g\n", (double)x, (double)acc,
         (double)prod, (double)sqrtf(acc));
  // int <-> float conversions
  int64_t isum = 0;
  for (int i = -1000; i <= 1000; i++) {
    double d = i * 0.37 + 0.5;
    isum += (int64_t)d + (int64_t)(float)(i * 1.7f) + (int64_t)(uint32_t)(d * d);
  }
  printf("conversions: %lld\n", (long long)isum);
}

// ---- libm (printed with few digits: implementations may differ in the last ulp) ----
static void libm(void) {
  double s = 0;
  for (int i = 0; i < 1000; i++) {
    double t = i * 0.01;
    s += sin(t) * cos(t) + exp(-t) + log(1.0 + t) + pow(t, 0.3) + atan2(t, 1.0 + t);
  }
  printf("libm sum: %.6f\n", s);
  printf("libm: sin(1)=%.9f exp(1)=%.9f log(10)=%.9f pow(2,0.5)=%.9f tanh(0.5)=%.9f\n",
         sin(1.0), exp(1.0), log(10.0), pow(2.0, 0.5), tanh(0.5));
  printf("exact libm: fmod=%.17g hypot-ish=%.17g ldexp=%.17g frexp=%.17g\n",
         fmod(10.5, 3.25), sqrt(3.0 * 3.0 + 4.0 * 4.0), ldexp(0.75, 20),
         frexp(1000.0, &(int){0}));
}

int main(void) {
  matrices();
  nbody(100000);
  mandelbrot();
  spectral();
  floats32();
  libm();
  return 0;
}
