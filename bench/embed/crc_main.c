/* The same CRC-32 as a WASI program: what the library's speed is compared
 * with. Prints the CRC and the median milliseconds of ITERATIONS runs over
 * SIZE bytes (the same data as bench_host.c's). */
#include "../../test/embed/hosts/data.h"
#include "../../test/embed/libs/checksum.c"
#include "median.h"
#include <stdio.h>

#include <time.h>

int main(int argc, char **argv) {
  uint32_t size = (uint32_t)atoi(argv[1]);
  int iterations = atoi(argv[2]);
  uint8_t *data = (uint8_t *)malloc(size);
  fill_data(data, size, 7);
  double ms[64];
  uint32_t crc = 0;
  for (int i = 0; i < iterations; ++i) {
    double t0 = now_ns();
    crc = cs_crc32(data, size);
    ms[i] = (now_ns() - t0) / 1e6;
  }
  printf("crc %08x median_ms %.3f\n", crc, median(ms, iterations));
  return 0;
}
