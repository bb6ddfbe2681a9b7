// memcpy/memset/memmove-heavy work on blocks of many sizes. Size: rounds.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF (1 << 18)
static uint8_t src[BUF], dst[BUF];

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 60000;
  for (int i = 0; i < BUF; i++)
    src[i] = (uint8_t)(i * 131 + (i >> 9));
  uint32_t seed = 1;
  uint64_t h = 0;
  for (int r = 0; r < rounds; r++) {
    for (int k = 0; k < 400; k++) {
      seed = seed * 1103515245u + 12345u;
      uint32_t len = (seed >> 8) % 2048 + 1;
      uint32_t s = (seed >> 3) % (BUF - len), d = (seed * 7u >> 5) % (BUF - len);
      switch (k & 3) {
      case 0:
        memcpy(dst + d, src + s, len);
        break;
      case 1:
        memset(dst + d, (int)(seed & 255), len);
        break;
      case 2:
        memmove(dst + d, dst + s, len);
        break;
      default:
        memcpy(src + s, dst + d, len / 4);
      }
    }
    memcpy(dst, src, BUF / 4);
    memset(dst + BUF / 2, r & 255, BUF / 8);
    h = h * 1099511628211u + dst[(seed >> 4) % BUF] + src[(seed >> 6) % BUF];
  }
  for (int i = 0; i < BUF; i += 64)
    h = h * 31 + dst[i] + src[i];
  printf("memops %llu\n", (unsigned long long)h);
  return 0;
}
