// Memory that grows: 64 MiB malloc'ed in 1 MiB chunks (the Wasm memory grows
// from a few pages to over 64 MiB), every byte touched, checksummed, then
// freed and reallocated as one block.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 1 << 20, COUNT = 64 };

int main(void) {
  unsigned char *chunks[COUNT];
  for (int i = 0; i < COUNT; i++) {
    chunks[i] = malloc(CHUNK);
    if (!chunks[i]) {
      printf("malloc of chunk %d failed\n", i);
      return 1;
    }
    for (uint32_t k = 0; k < CHUNK; k++)
      chunks[i][k] = (unsigned char)((k * 131u + (uint32_t)i * 7u) >> 3);
  }
  uint64_t sum = 14695981039346656037ull;
  for (int i = COUNT - 1; i >= 0; i--)
    for (uint32_t k = 0; k < CHUNK; k += 4) {
      uint32_t w;
      memcpy(&w, chunks[i] + k, 4);
      sum = (sum ^ w) * 1099511628211ull;
    }
  printf("64 MiB in 1 MiB chunks: checksum %016llx\n", (unsigned long long)sum);
  for (int i = 0; i < COUNT; i++)
    free(chunks[i]);
  size_t big = (size_t)48 << 20;
  uint32_t *one = malloc(big);
  if (!one) {
    printf("malloc of 48 MiB failed\n");
    return 1;
  }
  for (size_t i = 0; i < big / 4; i++)
    one[i] = (uint32_t)i * 2246822519u;
  uint32_t x = 0;
  for (size_t i = 0; i < big / 4; i += 1021)
    x = (x ^ one[i]) * 16777619u + (uint32_t)i;
  printf("48 MiB block: %08x\n", x);
  free(one);
  // A request that cannot be satisfied fails cleanly instead of trapping.
  // (The pointer escapes through a volatile: LLVM may otherwise drop a
  // malloc/free pair and assume that the allocation succeeded.)
  void *volatile huge = malloc(SIZE_MAX - 4096);
  printf("malloc(SIZE_MAX - 4096) %s\n", huge ? "succeeded" : "returned NULL");
  free(huge);
  return 0;
}
