/* The test data of the embedding tests and benchmark (also compiled into
 * Wasm programs, so nothing but stdint). */
#ifndef EMBED_TEST_DATA_H
#define EMBED_TEST_DATA_H

#include <stdint.h>

/* Deterministic bytes with runs in them (so that run-length coding both
 * repeats and copies). */
static void fill_data(uint8_t *p, uint32_t n, uint32_t seed) {
  uint32_t x = seed * 2654435761u + 1;
  uint32_t i = 0;
  while (i < n) {
    x = x * 1664525u + 1013904223u;
    uint32_t run = (x >> 28) < 5 ? 2 + ((x >> 20) & 63) : 1;
    for (uint32_t k = 0; k < run && i < n; ++k)
      p[i++] = (uint8_t)(x >> 8);
  }
}

#endif
