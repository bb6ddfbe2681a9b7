// LZ77 compression with a hash of 4-byte sequences, then decompression and
// verification, over generated text. Size: rounds over a 512 KiB input.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN (1 << 19)
#define HBITS 14
static uint8_t in[LEN], out[LEN + LEN / 8 + 16], back[LEN];
static int32_t head[1 << HBITS];

static uint32_t h4(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return (v * 2654435761u) >> (32 - HBITS);
}

// Tokens: a literal run [0lllllll][bytes], or a match [1lllllll][off lo][off hi].
static int compress(int n) {
  int ip = 0, op = 0, lit = 0, litStart = 0;
  memset(head, -1, sizeof head);
  while (ip + 4 <= n) {
    uint32_t h = h4(in + ip);
    int cand = head[h];
    head[h] = ip;
    int len = 0;
    if (cand >= 0 && ip - cand < 65536)
      while (ip + len < n && len < 127 + 4 && in[cand + len] == in[ip + len])
        len++;
    if (len >= 4) {
      if (lit) {
        out[op++] = (uint8_t)lit;
        memcpy(out + op, in + litStart, lit);
        op += lit;
        lit = 0;
      }
      out[op++] = (uint8_t)(0x80 | (len - 4));
      out[op++] = (uint8_t)(ip - cand);
      out[op++] = (uint8_t)((ip - cand) >> 8);
      ip += len;
      litStart = ip;
    } else {
      if (!lit)
        litStart = ip;
      lit++, ip++;
      if (lit == 127) {
        out[op++] = (uint8_t)lit;
        memcpy(out + op, in + litStart, lit);
        op += lit;
        lit = 0;
      }
    }
  }
  if (!lit)
    litStart = ip;
  lit += n - ip;
  while (lit) {
    int l = lit > 127 ? 127 : lit;
    out[op++] = (uint8_t)l;
    memcpy(out + op, in + litStart, l);
    op += l, litStart += l, lit -= l;
  }
  return op;
}

static int decompress(int m) {
  int ip = 0, op = 0;
  while (ip < m) {
    uint8_t t = out[ip++];
    if (t & 0x80) {
      int len = (t & 0x7f) + 4, off = out[ip] | out[ip + 1] << 8;
      ip += 2;
      for (int i = 0; i < len; i++, op++)
        back[op] = back[op - off];
    } else {
      memcpy(back + op, out + ip, t);
      ip += t, op += t;
    }
  }
  return op;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 300;
  const char *words[] = {"alpha ", "beta ", "gamma ", "delta ", "epsilon ",
                         "zeta ", "eta ", "theta\n"};
  uint32_t seed = 3;
  int pos = 0;
  while (pos < LEN) {
    seed = seed * 1103515245u + 12345u;
    if ((seed >> 24) < 40) {
      in[pos++] = (uint8_t)(seed >> 8);
      continue;
    }
    for (const char *w = words[(seed >> 16) & 7]; *w && pos < LEN; w++)
      in[pos++] = (uint8_t)*w;
  }
  uint64_t h = 0;
  for (int r = 0; r < rounds; r++) {
    in[(r * 7919) % LEN] ^= (uint8_t)r;
    int m = compress(LEN);
    int n = decompress(m);
    if (n != LEN || memcmp(in, back, LEN) != 0) {
      printf("compress: round trip failed\n");
      return 1;
    }
    h = h * 1000003u + (uint32_t)m;
  }
  printf("compress %llu\n", (unsigned long long)h);
  return 0;
}
