// Integer-heavy code: SHA-256 and CRC-32 of generated data, 32- and 64-bit
// division and remainder (signed and unsigned) of random operands, bit
// operations (popcount, clz, ctz, rotates, bswap), shifts by variable
// amounts, __int128 multiplication (compiler-rt helpers in Wasm), and
// comparisons of every signedness. All well defined in C.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t ror(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void sha256(const uint8_t *msg, size_t len, uint8_t out[32]) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  uint8_t block[64];
  size_t total = ((len + 9 + 63) / 64) * 64;
  for (size_t off = 0; off < total; off += 64) {
    for (int i = 0; i < 64; i++) {
      size_t p = off + (size_t)i;
      uint8_t b = 0;
      if (p < len)
        b = msg[p];
      else if (p == len)
        b = 0x80;
      else if (p >= total - 8)
        b = (uint8_t)(((uint64_t)len * 8) >> (8 * (total - 1 - p)));
      block[i] = b;
    }
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
      w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
             (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
      uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 4; j++)
      out[4 * i + j] = (uint8_t)(h[i] >> (24 - 8 * j));
}

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}

static uint64_t s[2] = {0x0123456789abcdefull, 0xfedcba9876543210ull};
static uint64_t xorshift(void) {
  uint64_t x = s[0], y = s[1];
  s[0] = y;
  x ^= x << 23;
  s[1] = x ^ y ^ (x >> 17) ^ (y >> 26);
  return s[1] + y;
}

static uint8_t data[100000];

int main(void) {
  uint8_t digest[32];
  sha256((const uint8_t *)"abc", 3, digest);
  printf("sha256(abc) = ");
  for (int i = 0; i < 32; i++)
    printf("%02x", digest[i]);
  printf("\n");
  for (size_t i = 0; i < sizeof data; i++)
    data[i] = (uint8_t)(xorshift() >> 56);
  sha256(data, sizeof data, digest);
  printf("sha256(data) = ");
  for (int i = 0; i < 32; i++)
    printf("%02x", digest[i]);
  printf("\ncrc32(data) = %08x crc32(123456789) = %08x\n", crc32(data, sizeof data),
         crc32((const uint8_t *)"123456789", 9));

  uint64_t acc = 0;
  for (int i = 0; i < 20000; i++) {
    uint64_t a = xorshift(), b = xorshift() >> (i % 64);
    if (b == 0)
      b = 1;
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    if (sb == -1)
      sb = 3;
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)(b | 1);
    int32_t sa32 = (int32_t)a32, sb32 = (int32_t)(b32 >> (i % 5));
    if (sb32 == 0 || sb32 == -1)
      sb32 = 7;
    acc = acc * 31 + a / b + a % b + (uint64_t)(sa / sb) + (uint64_t)(sa % sb);
    acc = acc * 31 + a32 / b32 + a32 % b32 + (uint32_t)(sa32 / sb32) + (uint32_t)(sa32 % sb32);
    acc += (uint64_t)__builtin_popcountll(a) + (uint64_t)__builtin_clzll(b) +
           (uint64_t)__builtin_ctzll(b) + (uint64_t)__builtin_popcount(a32) +
           (uint64_t)__builtin_clz(b32) + (uint64_t)__builtin_ctz(b32);
    unsigned sh = (unsigned)(a >> 58);
    acc ^= (a << sh) ^ (a >> sh) ^ (uint64_t)(sa >> sh) ^ ((a << sh) | (a >> ((64 - sh) & 63)));
    acc ^= (uint64_t)(a32 << (sh & 31)) ^ (uint64_t)(uint32_t)(sa32 >> (sh & 31));
    acc += __builtin_bswap64(a) ^ __builtin_bswap32(a32) ^ (uint64_t)__builtin_bswap16((uint16_t)a);
    acc += (uint64_t)((sa < sb) + (a < b) + (sa32 <= sb32) + (a32 >= b32) + (int8_t)a + (int16_t)a);
    unsigned __int128 p = (unsigned __int128)a * b;
    __int128 q = (__int128)sa * sb;
    acc ^= (uint64_t)(p >> 64) ^ (uint64_t)p ^ (uint64_t)((unsigned __int128)q >> 70);
  }
  printf("integer mix = %016llx\n", (unsigned long long)acc);
  unsigned __int128 big = ((unsigned __int128)0x0123456789abcdefull << 64) | 0xfedcba9876543210ull;
  unsigned __int128 qq = big / 1000000007u, rr = big % 1000000007u;
  printf("u128 / 1e9+7 = %016llx%016llx rem %llu\n", (unsigned long long)(qq >> 64),
         (unsigned long long)qq, (unsigned long long)rr);
  int64_t mins[] = {INT64_MIN, INT64_MIN + 1, -1, 0, INT64_MAX};
  for (int i = 0; i < 5; i++)
    printf("%lld / 7 = %lld rem %lld; %lld >> 63 = %lld\n", (long long)mins[i],
           (long long)(mins[i] / 7), (long long)(mins[i] % 7), (long long)mins[i],
           (long long)(mins[i] >> 63));
  return 0;
}
