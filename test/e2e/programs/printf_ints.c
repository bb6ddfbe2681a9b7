// printf with integers: conversions, lengths, flags, widths, precision,
// extremes. Only fixed-width types, so that the output does not depend on
// sizeof(long) (4 on wasm32, 8 on x86-64).
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
  int32_t vals[] = {0, 1, -1, 7, -42, 255, 1000000, INT32_MAX, INT32_MIN};
  for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
    int v = vals[i];
    printf("[%d] [%u] [%x] [%X] [%o] [%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] "
           "[%8.4x] [%#x] [%#o]\n",
           v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, v, v, v, v,
           v, v, (unsigned)v, (unsigned)v, (unsigned)v);
  }
  long long ll[] = {0LL, -1LL, LLONG_MAX, LLONG_MIN, 1234567890123LL};
  for (unsigned i = 0; i < sizeof ll / sizeof ll[0]; i++)
    printf("%lld %llu %llx %20lld|%-20lld|\n", ll[i], (unsigned long long)ll[i],
           (unsigned long long)ll[i], ll[i], ll[i]);
  printf("%" PRId64 " %" PRIu64 " %" PRIx64 "\n", INT64_MIN, UINT64_MAX,
         UINT64_C(0xdeadbeefcafebabe));
  printf("%hhd %hhu %hd %hu\n", (signed char)-128, (unsigned char)255,
         (short)-32768, (unsigned short)65535);
  printf("[%*d] [%-*d] [%.*d]\n", 6, 42, 6, 42, 4, 42);
  printf("[%s] [%10s] [%-10s] [%.3s] [%c] [%%]\n", "abc", "right", "left",
         "truncate", 'Z');
  char buf[64];
  int n = snprintf(buf, sizeof buf, "%d-%s-%x", 12345, "mid", 0xbeef);
  printf("snprintf wrote %d: %s\n", n, buf);
  n = snprintf(buf, 8, "%s", "a long string that is cut");
  printf("truncated snprintf returned %d: '%s'\n", n, buf);
  fprintf(stderr, "a line on stderr\n");
  return 0;
}
