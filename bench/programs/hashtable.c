// Open-addressing hash table (linear probing, tombstones): inserts, lookups
// and deletes of pseudo-random 32-bit keys. Size: millions of operations.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define CAP (1u << 20)
static uint32_t keys[CAP], vals[CAP];
static uint8_t state[CAP]; // 0 empty, 1 full, 2 deleted

static uint32_t hash(uint32_t k) {
  k ^= k >> 16;
  k *= 0x7feb352du;
  k ^= k >> 15;
  k *= 0x846ca68bu;
  k ^= k >> 16;
  return k;
}

static void insert(uint32_t k, uint32_t v) {
  uint32_t i = hash(k) & (CAP - 1), tomb = CAP;
  while (state[i]) {
    if (state[i] == 1 && keys[i] == k) {
      vals[i] = v;
      return;
    }
    if (state[i] == 2 && tomb == CAP)
      tomb = i;
    i = (i + 1) & (CAP - 1);
  }
  if (tomb != CAP)
    i = tomb;
  state[i] = 1;
  keys[i] = k;
  vals[i] = v;
}

static int lookup(uint32_t k, uint32_t *v) {
  uint32_t i = hash(k) & (CAP - 1);
  while (state[i]) {
    if (state[i] == 1 && keys[i] == k) {
      *v = vals[i];
      return 1;
    }
    i = (i + 1) & (CAP - 1);
  }
  return 0;
}

static void erase(uint32_t k) {
  uint32_t i = hash(k) & (CAP - 1);
  while (state[i]) {
    if (state[i] == 1 && keys[i] == k) {
      state[i] = 2;
      return;
    }
    i = (i + 1) & (CAP - 1);
  }
}

int main(int argc, char **argv) {
  int millions = argc > 1 ? atoi(argv[1]) : 16;
  uint32_t seed = 12345, found = 0, sum = 0;
  for (int m = 0; m < millions; m++) {
    for (int i = 0; i < 1000000; i++) {
      seed = seed * 1103515245u + 12345u;
      uint32_t k = (seed >> 8) % 600000u, v;
      switch (seed & 3) {
      case 0:
      case 1:
        insert(k, seed);
        break;
      case 2:
        if (lookup(k, &v)) {
          found++;
          sum += v;
        }
        break;
      default:
        erase(k);
      }
    }
  }
  uint32_t live = 0;
  for (uint32_t i = 0; i < CAP; i++)
    live += state[i] == 1;
  printf("hashtable %u %u %u\n", found, sum, live);
  return 0;
}
