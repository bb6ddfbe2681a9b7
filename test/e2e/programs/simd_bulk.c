// Vector code and bulk memory. Written with clang's generic vector extension,
// so the same source becomes SSE2 natively and v128 (SIMD) instructions in
// Wasm when built with -msimd128; large memcpy/memset/memmove become
// memory.copy/memory.fill with -mbulk-memory. Also float-to-int conversions
// (trunc_sat with -mnontrapping-fptoint) and sign extensions.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef int32_t i32x4 __attribute__((vector_size(16)));
typedef uint32_t u32x4 __attribute__((vector_size(16)));
typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef int16_t i16x8 __attribute__((vector_size(16)));
typedef float f32x4 __attribute__((vector_size(16)));
typedef double f64x2 __attribute__((vector_size(16)));
typedef int64_t i64x2 __attribute__((vector_size(16)));

static uint64_t fnv(const void *p, size_t n, uint64_t h) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ b[i]) * 1099511628211ull;
  return h;
}

enum { LEN = 4096 };
static float fa[LEN], fb[LEN], fc[LEN];
static int32_t ia[LEN], ib[LEN];
static uint8_t bytes[LEN * 4], bytes2[LEN * 4];

int main(void) {
  // Auto-vectorisable loops.
  for (int i = 0; i < LEN; i++) {
    fa[i] = (float)i * 0.5f - 100.0f;
    fb[i] = 1.0f / (float)(i + 1);
    ia[i] = i * 2654435761u;
    ib[i] = (i * 7) ^ (i >> 2);
  }
  for (int i = 0; i < LEN; i++)
    fc[i] = fa[i] * fb[i] + fa[i];
  int64_t isum = 0;
  for (int i = 0; i < LEN; i++)
    isum += (int64_t)(ia[i] ^ ib[i]) + (ia[i] > ib[i]) - (int64_t)(int16_t)ia[i];
  printf("vectorisable: fc hash %016llx isum %lld\n",
         (unsigned long long)fnv(fc, sizeof fc, 1469598103934665603ull), (long long)isum);

  // Explicit vectors.
  i32x4 a = {1, -2, 3, -4}, b = {100, 200, -300, 400};
  i32x4 c = a * b + (b >> 2) - (a << 3);
  u32x4 u = (u32x4)c;
  u = (u >> 1) | (u << 31);
  i32x4 cmp = a < b;
  printf("i32x4: %d %d %d %d | %08x %08x %08x %08x | %d %d %d %d\n", c[0], c[1], c[2], c[3],
         u[0], u[1], u[2], u[3], cmp[0], cmp[1], cmp[2], cmp[3]);
  u8x16 bv = {0, 1, 2, 3, 250, 251, 252, 253, 16, 32, 64, 128, 255, 127, 7, 9};
  u8x16 bw = bv + (u8x16){10, 10, 10, 10, 10, 10, 10, 10, 1, 1, 1, 1, 1, 1, 1, 1};
  u8x16 sh = __builtin_shufflevector(bv, bw, 15, 14, 13, 12, 0, 16, 1, 17, 2, 18, 3, 19, 31, 30, 29, 28);
  printf("u8x16:");
  for (int i = 0; i < 16; i++)
    printf(" %u/%u", bw[i], sh[i]);
  printf("\n");
  i16x8 h = {-32768, -1, 0, 1, 32767, 1000, -1000, 12345};
  i16x8 h2 = h * (i16x8){2, 3, 4, 5, 6, 7, 8, 9};
  printf("i16x8:");
  for (int i = 0; i < 8; i++)
    printf(" %d", h2[i]);
  printf("\n");
  f32x4 fv = {1.5f, -2.25f, 1e30f, -0.0f};
  f32x4 fw = fv * (f32x4){2.0f, 4.0f, 1e10f, 1.0f} / (f32x4){3.0f, 3.0f, 3.0f, 3.0f};
  printf("f32x4: %.9g %.9g %.9g %.9g\n", (double)fw[0], (double)fw[1], (double)fw[2], (double)fw[3]);
  f64x2 dv = {0.1, -7.0};
  f64x2 dw = dv * dv - (f64x2){0.01, 49.0};
  printf("f64x2: %.17g %.17g\n", dw[0], dw[1]);
  i64x2 lv = {INT64_MIN, 0x0123456789abcdefLL};
  i64x2 lw = (i64x2)((uint64_t)1 << 63 >> 1 == 0 ? lv : lv + (i64x2){1, -1});
  printf("i64x2: %lld %lld\n", (long long)lw[0], (long long)lw[1]);

  // Vector reductions over arrays.
  f32x4 acc = {0, 0, 0, 0};
  for (int i = 0; i < LEN; i += 4) {
    f32x4 x;
    memcpy(&x, &fc[i], sizeof x);
    acc += x * x;
  }
  printf("f32x4 reduction: %.9g %.9g %.9g %.9g\n", (double)acc[0], (double)acc[1],
         (double)acc[2], (double)acc[3]);

  // Bulk memory: large memset, memcpy, overlapping memmove.
  memset(bytes, 0xA5, sizeof bytes);
  for (int i = 0; i < LEN * 4; i += 97)
    bytes[i] = (uint8_t)i;
  memcpy(bytes2, bytes, sizeof bytes);
  memmove(bytes2 + 1000, bytes2 + 10, 8000);
  memmove(bytes2 + 5, bytes2 + 3000, 9000);
  memset(bytes2 + 12000, 0, 1234);
  printf("bulk memory hash %016llx\n",
         (unsigned long long)fnv(bytes2, sizeof bytes2, 1469598103934665603ull));

  // Float to int conversions (in range) and sign extension.
  volatile double ds[] = {-2147483648.0, 2147483647.9, -0.99, 1e9, 4294967295.0, -1e15, 123.456};
  int64_t conv = 0;
  for (int i = 0; i < 7; i++) {
    double d = ds[i];
    if (d >= -2147483648.0 && d < 2147483648.0)
      conv += (int32_t)d;
    if (d > -1.0 && d < 4294967296.0)
      conv += (uint32_t)d;
    conv += (int64_t)d;
    conv ^= (int64_t)(float)d;
  }
  volatile int32_t w = 0x1234ABCD;
  printf("conversions %lld sext %d %d %lld\n", (long long)conv, (int8_t)w, (int16_t)w,
         (long long)(int32_t)((uint32_t)w * 16u));
  return 0;
}
