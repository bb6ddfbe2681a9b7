// printf with floating point: %f %e %g %.17g, rounding, negative zero,
// infinities, NaN (printed from constants: the sign of a NaN computed at run
// time is not specified by Wasm), float and double, subnormals, strtod.
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void show(const char *name, double x) {
  printf("%-10s %%f=%f %%e=%e %%g=%g %%.17g=%.17g %%.3f=%.3f %%12.4e=[%12.4e]\n",
         name, x, x, x, x, x, x);
}

int main(void) {
  show("zero", 0.0);
  show("negzero", -0.0);
  show("one", 1.0);
  show("third", 1.0 / 3.0);
  show("pi", 3.141592653589793);
  show("big", 1e300);
  show("small", 1e-300);
  show("subnormal", 4.9406564584124654e-324);
  show("dblmax", DBL_MAX);
  show("dblmin", DBL_MIN);
  show("neg", -123456.789);
  show("inf", INFINITY);
  show("-inf", -INFINITY);
  show("nan", NAN);
  show("-nan", -NAN);
  printf("[%+.2f] [% .2f] [%08.3f] [%-10.1f] [%#.0f] [%.0f] [%.0f] [%.0f]\n",
         2.5, 2.5, -3.14159, 9.99, 3.0, 0.5, 1.5, 2.5);
  float f = 0.1f;
  printf("float 0.1f: %.9g %.17g %a\n", f, (double)f, 1.0);
  volatile double a = 0.1, b = 0.2;
  printf("0.1+0.2 = %.17g (== 0.3? %d)\n", a + b, a + b == 0.3);
  volatile float fa = 16777216.0f;
  printf("float 2^24+1 = %.1f\n", (double)(fa + 1.0f));
  // Arithmetic that produces signed zeros and infinities at run time.
  volatile double z = 0.0, m = -1.0;
  printf("z*m=%g 1/(z*m)=%g 1/z=%g sqrt(-0)=%g\n", z * m, 1.0 / (z * m),
         1.0 / z, sqrt(-0.0 * a));
  printf("isnan(z/z)=%d isinf(1/z)=%d signbit(z*m)=%d\n", isnan(z / z) != 0,
         isinf(1.0 / z) != 0, signbit(z * m) != 0);
  const char *inputs[] = {"3.14159", "-0", "1e-320", "0x1.8p3", "123456789012345678901234567890",
                          "2.2250738585072011e-308", "inf", "-Infinity"};
  for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
    printf("strtod(%s) = %.17g\n", inputs[i], strtod(inputs[i], NULL));
  // Conversions between float and int (in range; out of range is UB in C).
  volatile double d = -7.9, e = 7.9, g = 4294967295.0;
  printf("(int)%g=%d (int)%g=%d (unsigned)%g=%u (long long)1e18=%lld\n", d,
         (int)d, e, (int)e, g, (unsigned)g, (long long)1e18);
  double acc = 0.0;
  for (int i = 1; i <= 1000; i++)
    acc += 1.0 / ((double)i * i);
  printf("sum 1/i^2 = %.17g\n", acc);
  float facc = 0.0f;
  for (int i = 1; i <= 1000; i++)
    facc += 1.0f / (float)i;
  printf("float harmonic = %.9g\n", (double)facc);
  printf("floor/ceil/trunc/rint/fabs: %g %g %g %g %g\n", floor(-2.5), ceil(-2.5),
         trunc(-2.5), rint(2.5), fabs(-3.0));
  printf("fmin/fmax/copysign: %g %g %g\n", fmin(-0.0, 0.0), fmax(1.0, NAN),
         copysign(3.0, -0.0));
  return 0;
}
