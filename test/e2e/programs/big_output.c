// Large output: about 8 MB on stdout through printf, puts and fwrite of big
// blocks, with a line on stderr now and then, so that partial writes to a
// pipe must be handled. Ends with a checksum of what it wrote.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char block[1 << 16];

int main(void) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < 100000; i++) {
    char line[64];
    int n = snprintf(line, sizeof line, "line %6d: %08x %s\n", i, h,
                     (i % 3) ? "fizz" : "buzzbuzzbuzz");
    fputs(line, stdout);
    for (int k = 0; k < n; k++)
      h = (h ^ (unsigned char)line[k]) * 16777619u;
    if (i % 25000 == 0)
      fprintf(stderr, "progress %d\n", i);
  }
  for (size_t i = 0; i < sizeof block; i++)
    block[i] = (char)('a' + (i * 7 + i / 64) % 26);
  for (int i = 0; i < sizeof block; i += 64)
    block[i + 63] = '\n';
  for (int r = 0; r < 64; r++) {
    size_t len = sizeof block - (size_t)r * 64;
    if (fwrite(block, 1, len, stdout) != len)
      return 1;
  }
  printf("checksum %08x\n", h);
  return 0;
}
