// Clocks, randomness and stdio plumbing through WASI, printed so that the
// output is deterministic: only properties are printed, never values.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  struct timespec r, m1, m2;
  int ok = clock_gettime(CLOCK_REALTIME, &r) == 0;
  printf("realtime ok=%d after 2020=%d\n", ok, r.tv_sec > 1577836800);
  ok = clock_gettime(CLOCK_MONOTONIC, &m1) == 0;
  volatile uint64_t spin = 0;
  for (int i = 0; i < 1000000; i++)
    spin += (uint64_t)i;
  ok &= clock_gettime(CLOCK_MONOTONIC, &m2) == 0;
  int64_t d = (int64_t)(m2.tv_sec - m1.tv_sec) * 1000000000 + (m2.tv_nsec - m1.tv_nsec);
  printf("monotonic ok=%d nondecreasing=%d\n", ok, d >= 0);
  struct timespec res;
  printf("monotonic resolution ok=%d\n",
         clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0));
  printf("time() plausible=%d\n", time(NULL) > 1577836800);
  unsigned char a[32], b[32];
  int e1 = getentropy(a, sizeof a), e2 = getentropy(b, sizeof b);
  printf("getentropy ok=%d differ=%d\n", e1 == 0 && e2 == 0, memcmp(a, b, sizeof a) != 0);
  int nz = 0;
  unsigned char big[256];
  if (getentropy(big, sizeof big) == 0)
    for (int i = 0; i < 256; i++)
      nz += big[i] != 0;
  printf("entropy mostly nonzero=%d\n", nz > 200);
  // Direct writes to the file descriptors, interleaved with stdio.
  fflush(stdout);
  const char msg[] = "write(1) directly\n";
  printf("write returned %zd\n", write(1, msg, sizeof msg - 1) == (ssize_t)(sizeof msg - 1) ? (ssize_t)1 : (ssize_t)0);
  fprintf(stderr, "to stderr\n");
  const char emsg[] = "write(2) directly\n";
  write(2, emsg, sizeof emsg - 1);
  printf("isatty(99)=%d\n", isatty(99));
  return 0;
}
