// Assorted code shapes that map to distinct Wasm features: dense switches
// (br_table), a large initialised table (data segment), packed and unaligned
// structs, bit-fields, 8- and 16-bit loads with sign and zero extension,
// variadic functions, variable-length arrays and alloca (the shadow stack),
// structs passed and returned by value, functions with many mixed arguments,
// mutual recursion through function pointers, and IEEE rounding functions.
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// ---- dense switch (br_table) and a sparse one ----
__attribute__((noinline)) static int dense(int op, int a) {
  switch (op) {
  case 0: return a + 1;
  case 1: return a * 3;
  case 2: return a - 7;
  case 3: return a ^ 0x55;
  case 4: return a << 2;
  case 5: return a >> 1;
  case 6: return -a;
  case 7: return a % 11;
  case 8: return a / 3;
  case 9: return ~a;
  case 10: return a & 0xff;
  case 11: return a | 0x100;
  case 12: return a * a;
  case 13: return a + 1000;
  case 14: return 42;
  case 15: return a - 1;
  default: return a;
  }
}
__attribute__((noinline)) static const char *sparse(unsigned v) {
  switch (v) {
  case 1: return "one";
  case 100: return "hundred";
  case 1000: return "thousand";
  case 65536: return "64k";
  case 0xdeadbeef: return "beef";
  default: return "other";
  }
}

// ---- a large initialised table (about 32 KB of data segment) ----
#define R4(x) (x), (x) * 3u + 1u, (x) ^ 0x5a5au, (x) + 77u
#define R16(x) R4(x), R4((x) + 4u), R4((x) + 8u), R4((x) + 12u)
#define R64(x) R16(x), R16((x) + 16u), R16((x) + 32u), R16((x) + 48u)
#define R256(x) R64(x), R64((x) + 64u), R64((x) + 128u), R64((x) + 192u)
#define R1K(x) R256(x), R256((x) + 256u), R256((x) + 512u), R256((x) + 768u)
static const uint32_t table[] = {R1K(0u), R1K(1024u), R1K(2048u), R1K(3072u),
                                 R1K(4096u), R1K(5120u), R1K(6144u), R1K(7168u)};
static char message[] = "initialised, writable data";

// ---- packed, unaligned, bit-fields ----
struct __attribute__((packed)) packed {
  uint8_t tag;
  uint32_t word;
  uint16_t half;
  uint64_t quad;
  double d;
};
struct bits {
  unsigned a : 3;
  signed b : 5;
  unsigned c : 12;
  unsigned d : 1;
  signed e : 11;
};

// ---- varargs ----
static double vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++) {
    int kind = va_arg(ap, int);
    if (kind == 0)
      s += va_arg(ap, int);
    else if (kind == 1)
      s += va_arg(ap, double);
    else
      s += (double)va_arg(ap, long long);
  }
  va_end(ap);
  return s;
}

// ---- structs by value, many arguments ----
struct vec3 {
  double x, y, z;
};
struct big {
  int32_t v[10];
};
__attribute__((noinline)) static struct vec3 cross(struct vec3 a, struct vec3 b) {
  return (struct vec3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
__attribute__((noinline)) static struct big twice(struct big b) {
  for (int i = 0; i < 10; i++)
    b.v[i] *= 2;
  return b;
}
__attribute__((noinline)) static double many(int a, double b, int64_t c, float d, int e, double f,
                                             uint8_t g, int16_t h, double i, int64_t j, float k,
                                             int l, double m, uint32_t n, double o, int p) {
  return a + b + (double)c + d + e + f + g + h + i + (double)j + k + l + m + n + o + p;
}

// ---- mutual recursion through pointers ----
static int is_even(int n);
static int is_odd(int n);
static int (*volatile even_p)(int) = is_even;
static int (*volatile odd_p)(int) = is_odd;
static int is_even(int n) { return n == 0 ? 1 : odd_p(n - 1); }
static int is_odd(int n) { return n == 0 ? 0 : even_p(n - 1); }

// ---- VLA and alloca ----
__attribute__((noinline)) static uint64_t vla(int n) {
  uint32_t buf[n];
  char *extra = __builtin_alloca((size_t)n * 3);
  for (int i = 0; i < n; i++) {
    buf[i] = (uint32_t)(i * i + 7);
    extra[i * 3] = (char)i;
  }
  uint64_t s = 0;
  for (int i = 0; i < n; i++)
    s = s * 31 + buf[n - 1 - i] + (unsigned char)extra[i * 3];
  return s;
}

int main(void) {
  int acc = 5;
  for (int i = 0; i < 200; i++)
    acc = dense((i * 7 + acc) & 31, acc) & 0xfffff;
  printf("dense switch: %d\n", acc);
  unsigned keys[] = {1, 2, 100, 1000, 65536, 0xdeadbeef, 7};
  for (int i = 0; i < 7; i++)
    printf("sparse(%u)=%s ", keys[i], sparse(keys[i]));
  printf("\n");

  uint64_t ts = 14695981039346656037ull;
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    ts = (ts ^ table[i]) * 1099511628211ull;
  printf("table: %zu entries, hash %016llx, [4097]=%u\n", sizeof table / sizeof table[0],
         (unsigned long long)ts, table[4097]);
  message[0] = 'I';
  printf("data: %s\n", message);

  unsigned char raw[64];
  for (int i = 0; i < 64; i++)
    raw[i] = (unsigned char)(i * 37 + 11);
  struct packed pk;
  memcpy(&pk, raw + 3, sizeof pk);
  printf("packed: size %zu tag %u word %08x half %04x quad %016llx\n", sizeof pk, pk.tag, pk.word,
         pk.half, (unsigned long long)pk.quad);
  struct packed *pp = (struct packed *)(raw + 1);
  pp->word = 0xa1b2c3d4u;
  pp->quad += 0x1111111111111111ull;
  uint32_t w;
  memcpy(&w, raw + 2, 4);
  printf("unaligned store/load: %08x %016llx\n", w, (unsigned long long)pp->quad);
  struct bits bf = {5, -9, 3000, 1, -1000};
  bf.b += 3;
  bf.c ^= 0xabc;
  bf.e = (signed)(bf.e * 2 + 1);
  printf("bitfields: %u %d %u %u %d (size %zu)\n", bf.a, bf.b, bf.c, bf.d, bf.e, sizeof bf);
  int8_t s8[4] = {-128, -1, 0, 127};
  uint16_t u16[4] = {65535, 32768, 1, 0};
  int16_t s16[4] = {-32768, -2, 2, 32767};
  int64_t ext = 0;
  for (int i = 0; i < 4; i++)
    ext = ext * 1000 + s8[i] + u16[i] + s16[i] + (int64_t)(int8_t)u16[i] + (uint8_t)s8[i];
  printf("extensions: %lld\n", (long long)ext);

  printf("varargs: %.17g\n", vsum(5, 0, 42, 1, 2.5, 2, 10000000000LL, 1, -0.125, 0, -7));
  struct vec3 c = cross((struct vec3){1, 2, 3}, (struct vec3){-4, 5.5, 0.25});
  printf("cross: %.17g %.17g %.17g\n", c.x, c.y, c.z);
  struct big b = {{1, 2, 3, 4, 5, 6, 7, 8, 9, -10}};
  b = twice(twice(b));
  printf("big struct: %d %d %d\n", b.v[0], b.v[5], b.v[9]);
  printf("many args: %.17g\n", many(1, 2.5, -3, 4.25f, 5, 6.125, 200, -300, 9.5, 1LL << 40, 0.5f,
                                    -12, 13.75, 4000000000u, -15.5, 16));
  printf("even(1001)=%d odd(777)=%d\n", is_even(1001), is_odd(777));
  printf("vla: %llu %llu\n", (unsigned long long)vla(10), (unsigned long long)vla(5000));

  double ties[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996, 4503599627370497.0, -0.0, 1e300};
  for (int i = 0; i < 10; i++) {
    volatile double x = ties[i];
    printf("x=%.17g rint=%.17g nearbyint=%.17g round=%.17g floor=%.17g ceil=%.17g trunc=%.17g\n", x, rint(x),
           nearbyint(x), round(x), floor(x), ceil(x), trunc(x));
  }
  volatile float fx = -2.5f;
  printf("float: rintf=%g floorf=%g ceilf=%g truncf=%g sqrtf=%.9g fabsf=%g copysignf=%g\n",
         (double)rintf(fx), (double)floorf(fx), (double)ceilf(fx), (double)truncf(fx),
         (double)sqrtf(-fx), (double)fabsf(fx), (double)copysignf(1.0f, fx));
  return 0;
}
