/* A checksum and compression library: CRC-32 (IEEE), Adler-32, and a
 * run-length coder (a literal run: length byte < 128 then the bytes; a
 * repeat: 128 + count - 2, then the byte). Buffers live in the caller's
 * memory, which for the sandboxed library means its linear memory, reached
 * through lib_alloc. */
#include "export.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

EXPORT(lib_alloc) void *cs_alloc(uint32_t size) { return malloc(size); }
EXPORT(lib_free) void cs_free(void *p) { free(p); }

EXPORT(crc32) uint32_t cs_crc32(const uint8_t *p, uint32_t n) {
  static uint32_t table[256];
  if (!table[1])
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
  uint32_t c = 0xFFFFFFFFu;
  for (uint32_t i = 0; i < n; ++i)
    c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

EXPORT(adler32) uint32_t cs_adler32(const uint8_t *p, uint32_t n) {
  uint32_t a = 1, b = 0;
  for (uint32_t i = 0; i < n; ++i) {
    a = (a + p[i]) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

/* Writes the coded form of in[0..n) to out (room for n + n / 127 + 2 bytes);
 * returns its length. */
EXPORT(rle_encode)
uint32_t cs_rle_encode(const uint8_t *in, uint32_t n, uint8_t *out) {
  uint32_t o = 0, i = 0;
  while (i < n) {
    uint32_t run = 1;
    while (i + run < n && run < 129 && in[i + run] == in[i])
      ++run;
    if (run >= 2) {
      out[o++] = (uint8_t)(128 + run - 2);
      out[o++] = in[i];
      i += run;
      continue;
    }
    uint32_t start = i, len = 0;
    while (i < n && len < 127 && !(i + 1 < n && in[i + 1] == in[i])) {
      ++i;
      ++len;
    }
    if (len == 0) { /* a lone byte before a run */
      ++i;
      len = 1;
    }
    out[o++] = (uint8_t)len;
    for (uint32_t k = 0; k < len; ++k)
      out[o++] = in[start + k];
  }
  return o;
}

/* Decodes in[0..n) into out; returns the decoded length. */
EXPORT(rle_decode)
uint32_t cs_rle_decode(const uint8_t *in, uint32_t n, uint8_t *out) {
  uint32_t o = 0, i = 0;
  while (i < n) {
    uint8_t h = in[i++];
    if (h >= 128) {
      uint32_t run = h - 128 + 2;
      for (uint32_t k = 0; k < run; ++k)
        out[o++] = in[i];
      ++i;
    } else {
      for (uint32_t k = 0; k < h; ++k)
        out[o++] = in[i++];
    }
  }
  return o;
}
